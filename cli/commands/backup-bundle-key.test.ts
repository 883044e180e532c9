// The bundle key survives a backup and restore, being in the database: a bundle a real kiosk
// sealed before the server's computer was lost imports, through `quiosco import`, into the
// server restored on another (SQLite, and PostgreSQL through pg_dump); a server with a key of
// its own refuses it by name and imports nothing. A backup made by the release before, its key
// beside it as FILE.bundle-key.pem, restores with that key too.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, TEST_PIN } from '../../electron/core/testing/kiosk-fixtures';
import { BUNDLE_ERRORS } from '../../shared/sync/bundle';
import { BUNDLE_KEY_FILE } from '../../sync-server/bundle/server-bundle-key';
import { writeLegacyBundleKey } from '../../sync-server/bundle/testing/legacy-key';
import { openServerDatabase, type DatabaseConfig } from '../../sync-server/db/server-database';
import {
  createTestDatabase,
  openServerForTest,
  pointDatabaseUrlAt,
  type TestServerOptions,
} from '../../sync-server/testing/test-server';
import { openSyncKiosk } from '../../sync-tests/support/sync-kiosk';
import { backUpPostgres, quioscoOn } from '../testing/run-quiosco';

const hasPgTools = ['pg_dump', 'pg_restore', 'psql'].every(
  (tool) => spawnSync(tool, ['--version']).status === 0,
);

const submissionsIn = async (config: DatabaseConfig): Promise<number> => {
  const s = await openServerDatabase(config);
  try {
    const row = await s.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await s.close();
  }
};

/** A server on `database` whose kiosk seals two records into a bundle on `drive`: the bundle's file. */
async function sealedBundle(database: DatabaseConfig, options: TestServerOptions, drive: string) {
  const server = await openServerForTest(database.kind, { database, ...options });
  const kiosk = await openSyncKiosk();
  try {
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    expect((await kiosk.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
    await kiosk.save(2);
    const unlocked = await kiosk.core.call('staff:unlock', { pin: TEST_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const written = await kiosk.core.call('staff:write-bundle', {
      token: unlocked.value.token,
      directory: drive,
    });
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value.sealed).toBe(true);
    return written.value.file;
  } finally {
    kiosk.close();
    kiosk.remove();
    await server.close();
  }
}

describe('the bundle key through quiosco server backup and restore', () => {
  const tmp = makeTempDir('quiosco-key-backup-');
  afterAll(() => tmp.remove());
  const sqlite = (name: string): DatabaseConfig => ({ kind: 'sqlite', dataDir: join(tmp.path, name) });

  it('a bundle sealed before the restore imports after it; another server’s key refuses it', async () => {
    const lost = sqlite('lost');
    const bundle = await sealedBundle(lost, { keptBundleKey: { legacyDir: undefined } }, tmp.path);
    const backup = join(tmp.path, 'server-backup.db');
    const backedUp = await quioscoOn(() => lost)('server', 'backup', '--out', backup);
    expect(backedUp).toMatchObject({ code: 0, err: '' });
    // The key is in the copy, nothing beside it.
    expect(existsSync(`${backup}.bundle-key.pem`)).toBe(false);

    // Another computer: the restore brings the database, and the key with it.
    const restored = sqlite('restored');
    const onRestored = quioscoOn(() => restored);
    expect(await onRestored('server', 'restore', '--from', backup)).toMatchObject({ code: 0, err: '' });

    // A server that made a key of its own is another server to the bundle.
    const stranger = sqlite('stranger');
    await (
      await openServerForTest('sqlite', { database: stranger, keptBundleKey: { legacyDir: undefined } })
    ).close();
    expect(await quioscoOn(() => stranger)('import', bundle)).toMatchObject({
      code: 1,
      err: `quiosco import: bundle_other_server: ${BUNDLE_ERRORS.bundle_other_server}; nothing was imported\n`,
    });
    expect(await submissionsIn(stranger)).toBe(0);

    const imported = await onRestored('import', bundle);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toContain('2 new change(s), settled through seq 2');
    expect(await submissionsIn(restored)).toBe(2);
  });

  it('restores a backup of the release before with the key file beside it', async () => {
    const old = sqlite('old');
    const keyDir = join(tmp.path, 'old-key');
    const legacy = writeLegacyBundleKey(keyDir);
    // The release before: the key a file beside the certificate, not in the database.
    const bundle = await sealedBundle(old, { bundleKey: legacy.publicKey }, tmp.path);
    const backup = join(tmp.path, 'old-backup.db');
    expect(await quioscoOn(() => old)('server', 'backup', '--out', backup)).toMatchObject({ code: 0 });
    copyFileSync(join(keyDir, BUNDLE_KEY_FILE), `${backup}.bundle-key.pem`);

    const restored = sqlite('restored-old');
    const onRestored = quioscoOn(() => restored);
    const run = await onRestored('server', 'restore', '--from', backup);
    expect(run).toMatchObject({ code: 0, err: '' });
    const target = join(tmp.path, 'restored-old', BUNDLE_KEY_FILE);
    expect(run.out).toContain(`Restored the bundle key to ${target}`);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    const imported = await onRestored('import', bundle);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(await submissionsIn(restored)).toBe(2);
  });

  it.skipIf(!hasPgTools)('carries the key through pg_dump and pg_restore on PostgreSQL', async () => {
    const [source, target] = [await createTestDatabase('postgres'), await createTestDatabase('postgres')];
    try {
      const bundle = await sealedBundle(source.config, { keptBundleKey: { legacyDir: undefined } }, tmp.path);
      const dump = join(tmp.path, 'server.dump');
      expect(await backUpPostgres(source.config, dump)).toMatchObject({ code: 0, err: '' });
      const quiosco = quioscoOn(() => target.config);
      const undo = pointDatabaseUrlAt(target.config);
      try {
        expect(await quiosco('server', 'restore', '--from', dump)).toMatchObject({ code: 0, err: '' });
        const imported = await quiosco('import', bundle);
        expect(imported).toMatchObject({ code: 0, err: '' });
        expect(imported.out).toContain('2 new change(s), settled through seq 2');
      } finally {
        undo();
      }
      expect(await submissionsIn(target.config)).toBe(2);
    } finally {
      await source.drop();
      await target.drop();
    }
  });
});
