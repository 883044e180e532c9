// Restores, against a real server on SQLite and PostgreSQL, with `quiosco server backup|restore`:
// - a server restored from an older backup lost records a kiosk holds as acknowledged: the kiosk
//   sends them again from its retained copies on its next round, so the restore loses nothing;
// - a kiosk restored from an older copy of its disk (its new records numbered like ones the server
//   already has) carries on: every record it made since reaches the server once, nothing is lost.
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { KioskCoreOptions } from '../electron/core/kiosk-core';
import { makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  pointDatabaseUrlAt,
  type TestDatabase,
  type TestServer,
} from '../sync-server/testing/test-server';
import { quioscoOn } from '../cli/testing/run-quiosco';
import type { DemoForm } from '../shared/forms/node/demo-forms';
import { seededRandom } from '../shared/random/seeded-random';
import {
  expectPhotosOnServer,
  fakeJpeg,
  heritageAnswers,
  kioskPhotos,
  makeRecord,
  savePhoto,
  syncUntil,
} from './support/field-records';
import {
  compareRecords,
  kioskRecords,
  openSyncKiosk,
  serverRecords,
  type SyncKiosk,
} from './support/sync-kiosk';

describe.each(DB_KINDS)('restores on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  const tmp = makeTempDir('quiosco-restore-');
  const cleanups: (() => void)[] = [];
  /** `quiosco …` on this database (DATABASE_URL pointed at it for PostgreSQL, as an operator would). */
  const quiosco = async (...argv: string[]) => {
    const put = pointDatabaseUrlAt(database.config);
    try {
      return await quioscoOn(() => database.config)(...argv);
    } finally {
      put();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    server = await openServerForTest(kind, { database: database.config });
  });
  afterEach(() => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
    tmp.remove();
  });

  async function enrolledKiosk(
    options: KioskCoreOptions = {},
    form: DemoForm = 'encuesta-impacto-economico',
  ): Promise<SyncKiosk> {
    const kiosk = await openSyncKiosk(options);
    cleanups.push(() => kiosk.remove());
    cleanups.push(() => kiosk.close());
    await kiosk.enrol(server.server, await server.createEvent([form]));
    return kiosk;
  }

  async function syncClean(kiosk: SyncKiosk): Promise<void> {
    expect((await kiosk.core.syncNow()).lastError).toBeNull();
  }

  /** The server stopped, its database put back from `backup`, started again where kiosks know it. */
  async function restoreServer(backup: string): Promise<void> {
    const port = Number(new URL(server.url).port);
    await server.close();
    expect(await quiosco('server', 'restore', '--from', backup, '--force')).toMatchObject({
      code: 0,
      err: '',
    });
    server = await openServerForTest(kind, { database: database.config, port });
  }

  it('a server restored from an older backup gets back every record kiosks hold as acknowledged', async () => {
    const kiosk = await enrolledKiosk();
    await kiosk.save(5);
    await syncClean(kiosk);
    const backup = join(tmp.path, `${kind}-server.backup`);
    expect(await quiosco('server', 'backup', '--out', backup)).toMatchObject({ code: 0, err: '' });
    await kiosk.save(7);
    await syncClean(kiosk);
    expect(await server.count('submissions', { deviceId: kiosk.core.deviceId })).toBe(12);

    await restoreServer(backup);
    expect(await server.count('submissions', { deviceId: kiosk.core.deviceId })).toBe(5);
    await syncClean(kiosk);
    const mine = kioskRecords(kiosk.dataDir);
    const theirs = await serverRecords(server.server.db, [kiosk.core.deviceId]);
    expect(compareRecords(mine, theirs)).toEqual({ missing: [], extra: [], different: [] });
    expect(theirs.size).toBe(12);

    // And it goes on as before: a new record once, a round with nothing new adds nothing.
    await kiosk.save(1);
    await syncClean(kiosk);
    await syncClean(kiosk);
    expect(await server.count('submissions', { deviceId: kiosk.core.deviceId })).toBe(13);
  });

  it('a server restored from an older backup gets back the photos of the records it lost', async () => {
    const kiosk = await enrolledKiosk({}, 'patrimonio-inmaterial');
    const random = seededRandom(7);
    const before = fakeJpeg(40_000, random);
    await makeRecord(kiosk, heritageAnswers([await savePhoto(kiosk, before)]));
    const uploaded = () => [...kioskPhotos(kiosk.dataDir).values()].every((at) => at !== null);
    await syncUntil(kiosk, uploaded);
    const backup = join(tmp.path, `${kind}-server-photos.backup`);
    expect(await quiosco('server', 'backup', '--out', backup)).toMatchObject({ code: 0, err: '' });
    const after = fakeJpeg(60_000, random);
    const afterName = await savePhoto(kiosk, after);
    await makeRecord(kiosk, heritageAnswers([afterName]));
    await syncUntil(kiosk, uploaded);

    await restoreServer(backup);
    const photos = new Map([[afterName, after]]);
    const token = await server.tokenFor('admin');
    await syncUntil(kiosk, async () => {
      const row = await server.server.db.db
        .selectFrom('attachments')
        .select('complete_at')
        .where('name', '=', afterName)
        .executeTakeFirst();
      return row?.complete_at != null;
    });
    await expectPhotosOnServer(server.server.db, server.url, token, photos);
  });

  it('a kiosk restored from an older copy of its disk carries on: nothing lost, nothing twice', async () => {
    const kiosk = await enrolledKiosk();
    await kiosk.save(3);
    await syncClean(kiosk);
    kiosk.close();
    const copy = makeTempDir('quiosco-kiosk-copy-');
    cleanups.push(() => copy.remove());
    cpSync(kiosk.dataDir, copy.path, { recursive: true });
    await kiosk.reopen();
    // Made after the copy, on the server only once the disk is put back.
    await kiosk.save(4);
    await syncClean(kiosk);
    const afterCopy = await serverRecords(server.server.db, [kiosk.core.deviceId]);
    expect(afterCopy.size).toBe(7);

    kiosk.close();
    rmSync(kiosk.dataDir, { recursive: true, force: true });
    cpSync(copy.path, kiosk.dataDir, { recursive: true });
    await kiosk.reopen();
    // Its next records take seqs 4 and 5 on this disk, which the server holds with other records.
    await kiosk.save(2);
    await syncClean(kiosk);

    const mine = kioskRecords(kiosk.dataDir);
    const theirs = await serverRecords(server.server.db, [kiosk.core.deviceId]);
    expect(mine.size).toBe(5);
    expect(theirs.size).toBe(9);
    const { missing, different, extra } = compareRecords(mine, theirs);
    expect({ missing, different }).toEqual({ missing: [], different: [] });
    // What the server has beyond this disk is exactly what was made after the copy.
    expect(extra.sort()).toEqual([...afterCopy.keys()].filter((id) => !mine.has(id)).sort());

    await kiosk.save(1);
    await syncClean(kiosk);
    expect(await server.count('submissions', { deviceId: kiosk.core.deviceId })).toBe(10);
  });

  it('says so, naming the seqs, when the server lost records the kiosk no longer keeps', async () => {
    let now = new Date();
    const kiosk = await enrolledKiosk({ now: () => now });
    await kiosk.save(3);
    await syncClean(kiosk);
    const backup = join(tmp.path, `${kind}-server-old.backup`);
    expect(await quiosco('server', 'backup', '--out', backup)).toMatchObject({ code: 0, err: '' });
    await kiosk.save(2);
    await syncClean(kiosk);
    // Past the retention time with nothing recorded: the round prunes the acknowledged copies.
    now = new Date(now.getTime() + 31 * 86_400_000);
    await syncClean(kiosk);

    await restoreServer(backup);
    const status = await kiosk.core.syncNow();
    expect(status.lastError).toEqual({
      code: 'server_lost_records',
      message:
        "the server has this kiosk's records only through seq 3, and this kiosk no longer keeps seq 4 " +
        '(pruned after its retention time): restore the server from a newer backup, or enrol this kiosk as a new one',
    });
  });
});
