// The kiosk setting that refuses USB bundles in clear (KioskSettings.requireSealedBundles, set on
// the staff screen's USB tab): saved through staff:configure like the other settings, kept after
// a restart, refused when not a boolean; while the kiosk has not heard the server's key it writes
// no bundle at all, and with the setting off again it writes the plain one an older server needs.
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openServerForTest, type TestServer } from '../../../sync-server/testing/test-server';
import { openSyncKiosk, type SyncKiosk } from '../../../sync-tests/support/sync-kiosk';
import { makeTempDir, TEST_PIN } from '../testing/kiosk-fixtures';
import { SEAL_KEY_MISSING } from './write-bundle';

describe('requireSealedBundles', () => {
  let server: TestServer | undefined;
  let kiosk: SyncKiosk | undefined;
  const drive = makeTempDir('quiosco-usb-');
  afterEach(async () => {
    kiosk?.close();
    kiosk?.remove();
    await server?.close();
    drive.remove();
  });

  it('round-trips through staff:configure, survives a restart, and refuses a bundle in clear', async () => {
    // A server with no bundle key: its kiosks never hear one.
    server = await openServerForTest('sqlite');
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    kiosk = await openSyncKiosk();
    const k = kiosk;
    expect((await k.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
    await k.save(1);
    const { settings } = await k.call('staff:config', {});
    expect(settings.requireSealedBundles).toBeUndefined();

    const saved = await k.call('staff:configure', { settings: { ...settings, requireSealedBundles: true } });
    expect(saved.settings.requireSealedBundles).toBe(true);
    await k.reopen();
    expect((await k.call('staff:config', {})).settings.requireSealedBundles).toBe(true);
    expect((await k.call('kiosk:bootstrap', {})).settings.requireSealedBundles).toBe(true);

    const token = async () => {
      const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
      return unlocked.ok ? unlocked.value.token : '';
    };
    expect(await k.core.call('staff:write-bundle', { token: await token(), directory: drive.path })).toEqual({
      ok: false,
      error: { code: 'forbidden', message: SEAL_KEY_MISSING },
    });
    expect(readdirSync(drive.path)).toEqual([]);

    // Validated in the core as every setting is: a string is not a yes.
    const wrong = await k.core.dispatch('staff:configure', {
      token: await token(),
      settings: { ...settings, requireSealedBundles: 'yes' },
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(wrong.ok ? '' : wrong.error.message).toContain('settings.requireSealedBundles');
    expect((await k.call('staff:config', {})).settings.requireSealedBundles).toBe(true);

    await k.call('staff:configure', { settings: { ...settings, requireSealedBundles: false } });
    expect((await k.call('staff:config', {})).settings.requireSealedBundles).toBe(false);
    const plain = await k.core.call('staff:write-bundle', { token: await token(), directory: drive.path });
    expect(plain).toMatchObject({ ok: true, value: { sealed: false, records: 1 } });
  });
});
