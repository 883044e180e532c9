// The bundle key kept in the database (SQLite and PostgreSQL): two servers of one database started
// at once make one key between them, and a bundle a kiosk sealed through one imports through the
// other; a bundle-key.pem the release before left is imported once and becomes the key (bundles
// sealed to it still import, with the file gone after); another server's file is kept as one more
// key that opens its bundles; a file that is not an X25519 private key is refused by name.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, TEST_PIN } from '../../electron/core/testing/kiosk-fixtures';
import { openSyncKiosk, type SyncKiosk } from '../../sync-tests/support/sync-kiosk';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  type TestDatabase,
  type TestServer,
} from '../testing/test-server';
import {
  BUNDLE_KEY_FILE,
  BundleKeyError,
  ensureServerBundleKey,
  serverBundleKeys,
} from './server-bundle-key';
import { openServerDatabase } from '../db/server-database';
import { importFile } from './testing/import-file';
import { writeLegacyBundleKey } from './testing/legacy-key';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const ENSURE_KEY = join(import.meta.dirname, 'testing', 'ensure-key.ts');
const run = promisify(execFile);

describe.each(DB_KINDS)('the bundle key in the database on %s', (kind) => {
  const dirs: ReturnType<typeof makeTempDir>[] = [];
  const temp = () => {
    const dir = makeTempDir('quiosco-bundle-key-');
    dirs.push(dir);
    return dir.path;
  };
  let database: TestDatabase | undefined;
  let servers: TestServer[] = [];
  const kiosks: SyncKiosk[] = [];
  afterEach(async () => {
    for (const k of kiosks.splice(0)) {
      k.close();
      k.remove();
    }
    for (const s of servers.splice(0)) await s.close();
    await database?.drop();
    for (const dir of dirs.splice(0)) dir.remove();
  });

  const serve = async (options: Parameters<typeof openServerForTest>[1]) => {
    const s = await openServerForTest(kind, { database: database?.config, ...options });
    servers.push(s);
    return s;
  };

  /** A kiosk enrolled through `s` with `records` saved, and the bundle it writes (sealed if it heard a key). */
  async function kioskBundle(s: TestServer, eventId: string, records: number) {
    const k = await openSyncKiosk();
    kiosks.push(k);
    expect((await k.enrol({ db: s.server.db, url: s.url }, eventId)).enrolled).toBe(true);
    await k.save(records);
    const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
    const written = await k.core.call('staff:write-bundle', {
      token: unlocked.ok ? unlocked.value.token : '',
      directory: temp(),
    });
    if (!written.ok) throw new Error(written.error.message);
    return written.value;
  }

  const currentKey = async (s: TestServer) => (await serverBundleKeys(s.server.db))[0]?.publicKey;

  it('two servers started at once make one key; a bundle sealed through one imports through the other', async () => {
    database = await createTestDatabase(kind);
    // Migrated first: what races here is the key, made by both at once.
    await (await openServerDatabase(database.config)).close();
    const config = database.config;
    if (config.kind === 'sqlite') {
      // Two processes, as two servers on one file are (the file's write lock decides).
      const started = await Promise.all(
        [1, 2].map(() => run(process.execPath, ['--import', 'tsx', ENSURE_KEY, config.dataDir])),
      );
      expect(new Set(started.map((r) => r.stdout)).size).toBe(1);
    }
    const [a, b] = await Promise.all([
      serve({ keptBundleKey: { legacyDir: undefined } }),
      serve({ keptBundleKey: { legacyDir: undefined } }),
    ]);
    if (a === undefined || b === undefined) throw new Error('no servers');
    const rows = await a.server.db.db.selectFrom('server_keys').select(['purpose', 'is_current']).execute();
    expect(rows).toEqual([{ purpose: 'bundle', is_current: 1 }]);
    expect(await currentKey(b)).toBe(await currentKey(a));

    const eventId = await a.createEvent(['encuesta-impacto-economico']);
    const bundle = await kioskBundle(a, eventId, 2);
    expect(bundle.sealed).toBe(true);
    const keys = await serverBundleKeys(b.server.db);
    expect(await importFile(b.server.db, bundle.file, keys, NOW)).toMatchObject({ newChanges: 2 });
    // A third start finds the same key.
    const c = await serve({ keptBundleKey: { legacyDir: undefined } });
    expect(await currentKey(c)).toBe(await currentKey(a));
  });

  it('imports the bundle-key.pem of the release before once; bundles sealed to it import with the file gone', async () => {
    database = await createTestDatabase(kind);
    const keyDir = temp();
    const legacy = writeLegacyBundleKey(keyDir);
    // The release before: the key in the file, told to kiosks as it was.
    const old = await serve({ bundleKey: legacy.publicKey });
    const eventId = await old.createEvent(['encuesta-impacto-economico']);
    const sealedBefore = await kioskBundle(old, eventId, 2);
    expect(sealedBefore.sealed).toBe(true);
    await old.close();
    servers = [];

    const upgraded = await serve({ keptBundleKey: { legacyDir: keyDir } });
    expect(await currentKey(upgraded)).toBe(legacy.publicKey);
    await upgraded.close();
    servers = [];
    rmSync(join(keyDir, BUNDLE_KEY_FILE));
    const later = await serve({ keptBundleKey: { legacyDir: keyDir } });
    expect(await currentKey(later)).toBe(legacy.publicKey);
    const keys = await serverBundleKeys(later.server.db);
    expect(await importFile(later.server.db, sealedBefore.file, keys, NOW)).toMatchObject({ newChanges: 2 });

    // Another server of this database that had a file of its own (another --tls-dir): its key is
    // kept to open what was sealed to it, and the current key stays.
    const otherDir = temp();
    const other = writeLegacyBundleKey(otherDir);
    const otherOld = await openServerForTest(kind, { database: database.config, bundleKey: other.publicKey });
    servers.push(otherOld);
    const sealedElsewhere = await kioskBundle(otherOld, eventId, 1);
    expect((await ensureServerBundleKey(later.server.db, otherDir, NOW)).publicKey).toBe(legacy.publicKey);
    const all = await serverBundleKeys(later.server.db);
    expect(all.map((k) => k.publicKey)).toEqual([legacy.publicKey, other.publicKey]);
    expect(await importFile(later.server.db, sealedElsewhere.file, all, NOW)).toMatchObject({
      newChanges: 1,
    });
  });

  it('refuses a key file that is not an X25519 private key, by name', async () => {
    database = await createTestDatabase(kind);
    const s = await serve({});
    const dir = temp();
    const file = join(dir, BUNDLE_KEY_FILE);
    writeFileSync(file, 'not a key');
    await expect(ensureServerBundleKey(s.server.db, dir, NOW)).rejects.toThrow(
      `${file} is not a readable PEM private key: `,
    );
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(ensureServerBundleKey(s.server.db, dir, NOW)).rejects.toThrow(
      new BundleKeyError(`${file} holds a key of type ed25519, not X25519`),
    );
    expect(await serverBundleKeys(s.server.db)).toEqual([]);
  });
});
