// The bundle key survives a backup and restore: a bundle a real kiosk sealed before the server's
// computer was lost imports, through `quiosco import`, into the server restored on another; a
// server with another key refuses it by name and imports nothing.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, TEST_PIN } from '../../electron/core/testing/kiosk-fixtures';
import { BUNDLE_ERRORS } from '../../shared/sync/bundle';
import { BUNDLE_KEY_FILE, ensureBundleKey } from '../../sync-server/bundle/server-bundle-key';
import { openServerDatabase } from '../../sync-server/db/server-database';
import { openServerForTest } from '../../sync-server/testing/test-server';
import { openSyncKiosk } from '../../sync-tests/support/sync-kiosk';
import { quioscoOn } from '../testing/run-quiosco';

const submissionsIn = async (dataDir: string): Promise<number> => {
  const s = await openServerDatabase({ kind: 'sqlite', dataDir });
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

describe('the bundle key through quiosco server backup and restore', () => {
  const tmp = makeTempDir('quiosco-key-backup-');
  afterAll(() => tmp.remove());

  it('a bundle sealed before the restore imports after it; another server’s key refuses it', async () => {
    const [lost, restored, stranger] = ['lost', 'restored', 'stranger'].map((d) => join(tmp.path, d)) as [
      string,
      string,
      string,
    ];
    const key = ensureBundleKey(lost);
    expect(statSync(join(lost, BUNDLE_KEY_FILE)).mode & 0o777).toBe(0o600);
    const server = await openServerForTest('sqlite', {
      database: { kind: 'sqlite', dataDir: lost },
      bundleKey: key.publicKey,
    });
    const kiosk = await openSyncKiosk();
    let bundle: string;
    try {
      const eventId = await server.createEvent(['encuesta-impacto-economico']);
      expect((await kiosk.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
      await kiosk.save(2);
      const unlocked = await kiosk.core.call('staff:unlock', { pin: TEST_PIN });
      if (!unlocked.ok) throw new Error(unlocked.error.message);
      const written = await kiosk.core.call('staff:write-bundle', {
        token: unlocked.value.token,
        directory: tmp.path,
      });
      if (!written.ok) throw new Error(written.error.message);
      expect(written.value.sealed).toBe(true);
      bundle = written.value.file;
    } finally {
      kiosk.close();
      kiosk.remove();
      await server.close();
    }

    const backup = join(tmp.path, 'server-backup.db');
    const backedUp = await quioscoOn(() => ({ kind: 'sqlite', dataDir: lost }))(
      'server',
      'backup',
      '--out',
      backup,
    );
    expect(backedUp).toMatchObject({ code: 0, err: '' });
    expect(backedUp.out).toContain(
      `Copied the bundle key to ${backup}.bundle-key.pem (keep it with the backup: it opens kiosks' USB bundles)`,
    );
    expect(statSync(`${backup}.bundle-key.pem`).mode & 0o777).toBe(0o600);

    // Another computer: the restore brings the database and the key.
    const onRestored = quioscoOn(() => ({ kind: 'sqlite', dataDir: restored }));
    const restoredRun = await onRestored('server', 'restore', '--from', backup);
    expect(restoredRun).toMatchObject({ code: 0, err: '' });
    expect(restoredRun.out).toContain(`Restored the bundle key to ${join(restored, BUNDLE_KEY_FILE)}`);
    expect(statSync(join(restored, BUNDLE_KEY_FILE)).mode & 0o777).toBe(0o600);

    // A server that made a key of its own is another server to the bundle.
    const onStranger = quioscoOn(() => ({ kind: 'sqlite', dataDir: stranger }));
    expect(await onStranger('server', 'restore', '--from', backup)).toMatchObject({ code: 0 });
    ensureBundleKey(join(tmp.path, 'elsewhere'));
    const other = await quioscoOn(() => ({ kind: 'sqlite', dataDir: stranger }))(
      'import',
      bundle,
      '--tls-dir',
      join(tmp.path, 'elsewhere'),
    );
    expect(other).toMatchObject({
      code: 1,
      err: `quiosco import: bundle_other_server: ${BUNDLE_ERRORS.bundle_other_server}; nothing was imported\n`,
    });
    expect(await submissionsIn(stranger)).toBe(0);

    const imported = await onRestored('import', bundle);
    expect(imported).toMatchObject({ code: 0, err: '' });
    expect(imported.out).toContain('2 new change(s), settled through seq 2');
    expect(await submissionsIn(restored)).toBe(2);
  }, 90_000);
});
