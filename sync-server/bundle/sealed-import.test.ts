// Sealed USB bundles end to end (SQLite and PostgreSQL): a real kiosk enrolled with a server that
// has a bundle key writes a bundle encrypted to it (no answer text on the drive); the server opens
// and imports it. The header changed, a middle chunk changed, the last chunk removed, two chunks
// swapped, another server's key: each refused by its exact error with nothing written. A kiosk of
// an older server (no key) writes a plain bundle that still imports (none at all when a setting
// requires sealing), and learns the key from a later pull.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEAL_KEY_MISSING } from '../../electron/core/bundle/write-bundle';
import { makeTempDir, TEST_PIN } from '../../electron/core/testing/kiosk-fixtures';
import type { ChannelOutput } from '../../shared/ipc/contract';
import { seededRandom } from '../../shared/random/seeded-random';
import { BUNDLE_ERRORS, BundleError } from '../../shared/sync/bundle';
import { SEAL_CHUNK_BYTES } from '../../shared/sync/node/bundle-seal';
import { fakeJpeg, heritageAnswers, makeRecord, savePhoto } from '../../sync-tests/support/field-records';
import { expectSameRecords, openSyncKiosk, type SyncKiosk } from '../../sync-tests/support/sync-kiosk';
import { createTestDatabase, DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { newBundleKey, type ServerBundleKey } from './server-bundle-key';
import { importFile as importInto } from './testing/import-file';

const NOW = new Date('2026-11-20T18:00:00.000Z');
const SEALED_CHUNK = SEAL_CHUNK_BYTES + 16;

describe.each(DB_KINDS)('sealed USB bundles on %s', (kind) => {
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  const temp = (prefix: string) => {
    const dir = makeTempDir(prefix);
    dirs.push(dir);
    return dir.path;
  };
  let servers: TestServer[] = [];
  let kiosk: SyncKiosk | undefined;
  afterEach(async () => {
    kiosk?.close();
    kiosk?.remove();
    for (const s of servers) await s.close();
    servers = [];
    for (const dir of dirs.splice(0)) dir.remove();
  });

  async function serverWith(
    key: ServerBundleKey | undefined,
    options: Parameters<typeof openServerForTest>[1] = {},
  ) {
    const s = await openServerForTest(kind, { ...options, bundleKey: key?.publicKey });
    servers.push(s);
    return s;
  }

  async function writeBundle(k: SyncKiosk, drive: string): Promise<ChannelOutput<'staff:write-bundle'>> {
    const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
    const token = unlocked.ok ? unlocked.value.token : '';
    const written = await k.core.call('staff:write-bundle', { token, directory: drive });
    if (!written.ok) throw new Error(written.error.message);
    return written.value;
  }

  const importFile = async (s: TestServer, file: string, key: ServerBundleKey) =>
    importInto(s.server.db, file, [key], NOW);

  const refusal = (s: TestServer, file: string, key: ServerBundleKey): Promise<unknown> =>
    importFile(s, file, key).then(
      () => 'imported',
      (e: unknown) => e,
    );

  const attachmentsOnServer = async (s: TestServer) =>
    Number(
      (
        await s.server.db.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('seals at the kiosk with no answer text on the drive; every tampering is refused whole; the genuine file imports once', async () => {
    const key = newBundleKey();
    const s = await serverWith(key);
    const eventId = await s.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
    kiosk = await openSyncKiosk();
    const k = kiosk;
    expect((await k.enrol({ db: s.server.db, url: s.url }, eventId)).enrolled).toBe(true);
    await k.save(2);
    const photo = fakeJpeg(300_000, seededRandom(3));
    const name = await savePhoto(k, photo);
    await makeRecord(k, heritageAnswers([name]));

    const drive = temp('quiosco-usb-');
    const written = await writeBundle(k, drive);
    expect(written).toMatchObject({ sealed: true, records: 3, photos: 1 });
    const bytes = readFileSync(written.file);
    for (const plain of [
      'Doña Tere Hernández',
      'Barbacoa de hoyo',
      'visita 1',
      'consiente_registro',
      k.core.deviceId,
    ]) {
      expect(bytes.includes(Buffer.from(plain, 'utf8')), plain).toBe(false);
    }

    const end = bytes.indexOf(0x0a) + 1;
    const header = bytes.subarray(0, end);
    const chunks: Buffer[] = [];
    for (let at = end; at < bytes.length; at += SEALED_CHUNK)
      chunks.push(bytes.subarray(at, at + SEALED_CHUNK));
    expect(chunks.length).toBeGreaterThanOrEqual(4);
    const last = chunks.length;
    const flip = (b: Buffer, at: number) => {
      const copy = Buffer.from(b);
      copy[at] = (copy[at] ?? 0) ^ 0x20;
      return copy;
    };
    const [first, second, ...rest] = chunks as [Buffer, Buffer, ...Buffer[]];
    // Another ephemeral key in the header: the same shape, another shared secret.
    const otherHeader = Buffer.from(
      header
        .toString()
        .replace(
          /("ephemeralKey":"[^"]{5})(.)/,
          (_, before: string, c: string) => `${before}${c === 'A' ? 'B' : 'A'}`,
        ),
    );
    expect(otherHeader.equals(header)).toBe(false);
    const damaged = (detail: string) => `${BUNDLE_ERRORS.bundle_sealed_damaged}: ${detail}`;
    const cases: [string, Buffer, string][] = [
      ['header', Buffer.concat([otherHeader, ...chunks]), damaged('chunk 1 does not authenticate')],
      [
        'a middle chunk',
        Buffer.concat([header, first, flip(second, 1000), ...rest]),
        damaged('chunk 2 does not authenticate'),
      ],
      [
        'the last chunk removed',
        Buffer.concat([header, ...chunks.slice(0, -1)]),
        damaged(`chunk ${last - 1} (the last) does not authenticate`),
      ],
      [
        'chunks swapped',
        Buffer.concat([header, second, first, ...rest]),
        damaged('chunk 1 does not authenticate'),
      ],
    ];
    for (const [what, tampered, message] of cases) {
      const file = join(drive, `tampered-${cases.findIndex((c) => c[0] === what)}.qbundle`);
      writeFileSync(file, tampered);
      const error = await refusal(s, file, key);
      expect(error, what).toBeInstanceOf(BundleError);
      expect((error as BundleError).message, what).toBe(message);
    }
    const elsewhere = await refusal(s, written.file, newBundleKey());
    expect(error(elsewhere)).toEqual({
      code: 'bundle_other_server',
      message: BUNDLE_ERRORS.bundle_other_server,
    });
    expect(await s.count('submissions')).toBe(0);
    expect(await s.count('push_rejections')).toBe(0);
    expect(await attachmentsOnServer(s)).toBe(0);

    expect(await importFile(s, written.file, key)).toMatchObject({
      ackedThroughSeq: 3,
      newChanges: 3,
      rejected: [],
      photosStored: 1,
    });
    await expectSameRecords(s.server.db, k, 3);
    expect(await importFile(s, written.file, key)).toMatchObject({ newChanges: 0, photosAlreadyThere: 1 });
  });

  it('a kiosk of a server with no key writes a plain bundle that imports, or none when sealing is required; a later pull teaches it the key', async () => {
    const database = await createTestDatabase(kind);
    try {
      const old = await serverWith(undefined, { database: database.config });
      const eventId = await old.createEvent(['encuesta-impacto-economico']);
      kiosk = await openSyncKiosk();
      const k = kiosk;
      expect((await k.enrol({ db: old.server.db, url: old.url }, eventId)).enrolled).toBe(true);
      await k.save(2);
      const drive = temp('quiosco-usb-');
      const plain = await writeBundle(k, drive);
      expect(plain.sealed).toBe(false);
      expect(readFileSync(plain.file, 'utf8')).toContain('visita 1');
      // The setting that refuses a bundle in clear: nothing more on the drive until the key is known.
      const { settings } = await k.call('staff:config', {});
      await k.call('staff:configure', { settings: { ...settings, requireSealedBundles: true } });
      const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
      const token = unlocked.ok ? unlocked.value.token : '';
      expect(await k.core.call('staff:write-bundle', { token, directory: drive })).toEqual({
        ok: false,
        error: { code: 'forbidden', message: SEAL_KEY_MISSING },
      });
      expect(readdirSync(drive)).toEqual([basename(plain.file)]);
      const port = old.server.port;
      await old.close();
      servers = [];

      // The same database served again where the kiosk knows it, now with a bundle key.
      const key = newBundleKey();
      const upgraded = await serverWith(key, { database: database.config, port });
      expect(await importFile(upgraded, plain.file, key)).toMatchObject({
        ackedThroughSeq: 2,
        newChanges: 2,
      });
      expect(await upgraded.count('submissions')).toBe(2);

      await k.save(1);
      await k.core.syncNow();
      expect((await k.status()).pendingSync).toBe(0);
      await k.save(1);
      const sealed = await writeBundle(k, drive);
      expect(sealed).toMatchObject({ sealed: true, fromSeq: 4, throughSeq: 4 });
      expect(await importFile(upgraded, sealed.file, key)).toMatchObject({
        ackedThroughSeq: 4,
        newChanges: 1,
      });
      await expectSameRecords(upgraded.server.db, k, 4);
    } finally {
      for (const s of servers) await s.close();
      servers = [];
      await database.drop();
    }
  });
});

const error = (e: unknown) =>
  e instanceof BundleError
    ? { code: e.code, message: e.message }
    : { code: 'not a BundleError', message: String(e) };
