// `quiosco server backup` while a real server takes pushes, and `quiosco server restore`: the copy
// opens, passes the integrity check and holds what was acknowledged before it started; restore
// refuses to overwrite a database in use or holding data unless told.
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { appendChunk, attachmentBytes } from '../../sync-server/attachments/attachment-store';
import { PHOTOS_FOLDER } from '../../sync-server/attachments/photo-storage';
import { createEvent, listEvents } from '../../sync-server/events/events-store';
import { openServerDatabase } from '../../sync-server/db/server-database';
import {
  createTestDatabase,
  openServerForTest,
  pointDatabaseUrlAt,
  surveyChanges,
  type TestDevice,
  type TestServer,
} from '../../sync-server/testing/test-server';
import { backUpPostgres, quioscoOn } from '../testing/run-quiosco';

const submissionsIn = (file: string): number => {
  const db = new Sqlite(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM submissions').get()?.n ?? 0;
  } finally {
    db.close();
  }
};

const MIB = 1024 * 1024;

describe('quiosco server backup and restore on SQLite', () => {
  const tmp = makeTempDir('quiosco-backup-');
  const copy = join(tmp.path, 'copy.db');
  let t: TestServer;
  let device: TestDevice;
  let dataDir: string;

  beforeAll(async () => {
    t = await openServerForTest('sqlite');
    dataDir = dirname(t.server.db.location);
    device = await t.enrol(await t.createEvent(['encuesta-impacto-economico']));
  });
  afterAll(async () => {
    await t?.close();
    tmp.remove();
  });

  const push = async (from: number) => {
    const response = await t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes: surveyChanges(device, from, 20) },
    });
    expect(response.status).toBe(200);
  };

  it('copies the database while the server keeps writing', async () => {
    await push(1);
    const before = await t.count('submissions');
    // The kiosk keeps pushing for as long as the backup runs.
    let writing = true;
    let seq = 21;
    const writer = (async () => {
      while (writing) {
        await push(seq);
        seq += 20;
      }
    })();
    const quiosco = quioscoOn(() => ({ kind: 'sqlite', dataDir }));
    const result = await quiosco('server', 'backup', '--out', copy);
    writing = false;
    await writer;
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`to ${copy} (schema `);
    const copied = submissionsIn(copy);
    expect(copied).toBeGreaterThanOrEqual(before);
    expect(copied).toBeLessThanOrEqual(await t.count('submissions'));
    expect(existsSync(`${copy}.partial`)).toBe(false);
    expect(await quiosco('server', 'backup', '--out', copy)).toMatchObject({
      code: 1,
      err: `quiosco server backup: ${copy} already exists: choose a new file for each backup\n`,
    });
  });

  it("refuses to restore over a running server's database", async () => {
    const quiosco = quioscoOn(() => ({ kind: 'sqlite', dataDir }));
    expect(await quiosco('server', 'restore', '--from', copy)).toMatchObject({
      code: 1,
      err: `quiosco server restore: a server has ${join(dataDir, 'server.db')} open: stop it first (or add --force)\n`,
    });
  });

  it('restores into a new directory, and over a stopped one only with --force, keeping the old file', async () => {
    const target = join(tmp.path, 'restored');
    const quiosco = quioscoOn(() => ({ kind: 'sqlite', dataDir: target }));
    expect(await quiosco('server', 'restore', '--from', copy)).toMatchObject({ code: 0, err: '' });
    const restored = await openServerDatabase({ kind: 'sqlite', dataDir: target });
    const n = await restored.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await restored.close();
    expect(Number(n.n)).toBe(submissionsIn(copy));

    expect(await quiosco('server', 'restore', '--from', copy)).toMatchObject({
      code: 1,
      err: `quiosco server restore: ${join(target, 'server.db')} already holds a server database: add --force to replace it\n`,
    });
    expect(await quiosco('server', 'restore', '--from', copy, '--force')).toMatchObject({ code: 0, err: '' });
    expect(readdirSync(target).filter((f) => f.startsWith('server.db.before-restore-'))).toHaveLength(1);
    expect(submissionsIn(join(target, 'server.db'))).toBe(submissionsIn(copy));
  });

  it('puts the photo files in the backup, and a restore writes them back as files', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      randomBytes(5 * MIB),
      Buffer.from([0xff, 0xd9]),
    ]);
    const name = `${createHash('sha256').update(bytes).digest('hex')}.jpg`;
    const now = new Date('2026-11-20T10:00:00Z');
    await appendChunk(t.server.db, name, { offset: 0, size: bytes.length }, bytes, now);
    expect(readFileSync(join(dataDir, PHOTOS_FOLDER, name)).equals(bytes)).toBe(true);
    const withPhotos = join(tmp.path, 'with-photos.db');
    const quiosco = quioscoOn(() => ({ kind: 'sqlite', dataDir }));
    const backedUp = await quiosco('server', 'backup', '--out', withPhotos);
    expect(backedUp).toMatchObject({ code: 0, err: '' });
    expect(backedUp.out).toContain(`and 1 photo files to ${withPhotos} (schema `);
    const chunksIn = (file: string) => {
      const db = new Sqlite(file, { readonly: true });
      try {
        return db
          .prepare<[string], { data: Buffer }>(
            'SELECT data FROM attachment_chunks WHERE name = ? ORDER BY idx',
          )
          .all(name)
          .map((row) => row.data);
      } finally {
        db.close();
      }
    };
    expect(Buffer.concat(chunksIn(withPhotos)).equals(bytes)).toBe(true);

    const target = join(tmp.path, 'restored-photos');
    const restore = await quioscoOn(() => ({ kind: 'sqlite', dataDir: target }))(
      'server',
      'restore',
      '--from',
      withPhotos,
    );
    expect(restore).toMatchObject({ code: 0, err: '' });
    expect(restore.out).toContain('and 1 photo files (schema ');
    expect(readFileSync(join(target, PHOTOS_FOLDER, name)).equals(bytes)).toBe(true);
    expect(chunksIn(join(target, 'server.db'))).toEqual([]);
    const restored = await openServerDatabase({ kind: 'sqlite', dataDir: target });
    try {
      const served: Buffer[] = [];
      for await (const piece of attachmentBytes(restored, name)) served.push(piece as Buffer);
      expect(Buffer.concat(served).equals(bytes)).toBe(true);
    } finally {
      await restored.close();
    }
  });

  it('refuses a file that is not a server database', async () => {
    const quiosco = quioscoOn(() => ({ kind: 'sqlite', dataDir: join(tmp.path, 'other') }));
    const bogus = join(tmp.path, 'bogus.db');
    new Sqlite(bogus).close();
    const result = await quiosco('server', 'restore', '--from', bogus);
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `${bogus} is not a Quiosco server database: no such table: schema_migrations`,
    );
  });
});

const hasPgTools = ['pg_dump', 'pg_restore', 'psql'].every(
  (tool) => spawnSync(tool, ['--version']).status === 0,
);

describe.skipIf(!hasPgTools)('quiosco server backup and restore on PostgreSQL (pg_dump)', () => {
  it('dumps one database and restores it into another, refusing a filled one without --force', async () => {
    const tmp = makeTempDir('quiosco-pg-backup-');
    const [source, target] = [await createTestDatabase('postgres'), await createTestDatabase('postgres')];
    try {
      const s = await openServerDatabase(source.config);
      await createEvent(s, { id: 'feria', name: 'Feria del Pulque' });
      await s.close();
      const dump = join(tmp.path, 'server.dump');
      expect(await backUpPostgres(source.config, dump)).toMatchObject({ code: 0, err: '' });
      const quiosco = quioscoOn(() => target.config);
      const undo = pointDatabaseUrlAt(target.config);
      expect(await quiosco('server', 'restore', '--from', dump)).toMatchObject({ code: 0, err: '' });
      expect(await quiosco('server', 'restore', '--from', dump)).toMatchObject({
        code: 1,
        err: 'quiosco server restore: the database already holds a Quiosco server: add --force to replace it\n',
      });
      expect(await quiosco('server', 'restore', '--from', dump, '--force')).toMatchObject({ code: 0 });
      undo();
      const restored = await openServerDatabase(target.config);
      expect((await listEvents(restored)).map((e) => e.id)).toEqual(['feria']);
      await restored.close();
    } finally {
      await source.drop();
      await target.drop();
      tmp.remove();
    }
  });
});
