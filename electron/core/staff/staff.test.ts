// Staff channels through the real core, with a clock the test moves.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { initKiosk } from '../kiosk-setup';
import { DEMO_FORMS_DIR, makeTempDir, openTestKiosk, TEST_PIN } from '../testing/kiosk-fixtures';

let dir: ReturnType<typeof makeTempDir>;
let core: KioskCore;
let clock: Date;
let exits: number;
afterEach(() => {
  core.close();
  dir.remove();
});

const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
const options = () => ({ now: () => clock, onExit: () => exits++ });

async function open(): Promise<void> {
  clock = new Date('2026-11-20T12:00:00.000Z');
  exits = 0;
  dir = makeTempDir();
  core = await openTestKiosk(dir.path, options());
}

async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await core.dispatch(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}
const unlock = (pin = TEST_PIN) => call<ChannelOutput<'staff:unlock'>>('staff:unlock', { pin });

describe('staff unlock', () => {
  it('gives a token for the right PIN, valid for 10 minutes', async () => {
    await open();
    const { token, expiresAt } = await unlock();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt).toBe('2026-11-20T12:10:00.000Z');
    expect(await call('staff:status', { token })).toMatchObject({ eventId: 'demo', savedTotal: 0 });
  });

  it('counts down wrong PINs, then locks for 60 s, even against the right PIN', async () => {
    await open();
    for (const attemptsLeft of [4, 3, 2, 1]) {
      expect(await core.dispatch('staff:unlock', { pin: '0000' })).toEqual({
        ok: false,
        error: { code: 'pin_wrong', message: 'Wrong PIN', details: { attemptsLeft } },
      });
    }
    expect(await core.dispatch('staff:unlock', { pin: '0000' })).toEqual({
      ok: false,
      error: {
        code: 'pin_locked',
        message: 'Too many wrong PINs: try again in 60 s',
        details: { retryAfterSeconds: 60 },
      },
    });
    advance(30_500);
    expect(await core.dispatch('staff:unlock', { pin: TEST_PIN })).toEqual({
      ok: false,
      error: {
        code: 'pin_locked',
        message: 'Too many wrong PINs: try again in 30 s',
        details: { retryAfterSeconds: 30 },
      },
    });
    advance(29_500);
    await expect(unlock()).resolves.toHaveProperty('token');
    // The count starts again after the lockout.
    expect(await core.dispatch('staff:unlock', { pin: '0000' })).toMatchObject({
      error: { details: { attemptsLeft: 4 } },
    });
  });

  it('locks out a burst of parallel guesses too', async () => {
    await open();
    const results = await Promise.all(
      ['1', '2', '3', '4', '5', '6', '7'].map((d) => core.dispatch('staff:unlock', { pin: d.repeat(4) })),
    );
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'pin_wrong',
      'pin_wrong',
      'pin_wrong',
      'pin_wrong',
      'pin_locked',
      'pin_locked',
      'pin_locked',
    ]);
  });

  it('resets the wrong-PIN count after a right PIN', async () => {
    await open();
    await core.dispatch('staff:unlock', { pin: '0000' });
    await core.dispatch('staff:unlock', { pin: '0000' });
    await unlock();
    expect(await core.dispatch('staff:unlock', { pin: '0000' })).toMatchObject({
      error: { details: { attemptsLeft: 4 } },
    });
  });

  it('explains that no PIN is set yet, without counting it as a wrong guess', async () => {
    clock = new Date('2026-11-20T12:00:00.000Z');
    dir = makeTempDir();
    await initKiosk({ dataDir: dir.path, formsDir: DEMO_FORMS_DIR });
    core = openKioskCore({ dataDir: dir.path, now: () => clock });
    const noPin = {
      ok: false,
      error: {
        code: 'pin_wrong',
        message:
          'No staff PIN is set on this kiosk: set one with "quiosco kiosk init --data DIR --pin-stdin".',
        details: { attemptsLeft: 5 },
      },
    };
    expect(await core.dispatch('staff:unlock', { pin: '1234' })).toEqual(noPin);
    expect(await core.dispatch('staff:unlock', { pin: '1234' })).toEqual(noPin);
  });

  it('refuses a malformed PIN before checking it', async () => {
    await open();
    expect(await core.dispatch('staff:unlock', { pin: '12' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'staff:unlock: ✖ PIN must be 4 to 8 digits\n  → at pin' },
    });
  });
});

describe('staff sessions', () => {
  it('expire 10 minutes after their last use', async () => {
    await open();
    const { token } = await unlock();
    advance(9 * 60_000);
    await call('staff:status', { token });
    advance(9 * 60_000);
    await call('staff:status', { token });
    advance(10 * 60_000);
    expect(await core.dispatch('staff:status', { token })).toEqual({
      ok: false,
      error: { code: 'staff_only', message: 'Staff session missing or expired: unlock with the PIN' },
    });
  });

  it('end when staff lock the kiosk', async () => {
    await open();
    const { token } = await unlock();
    expect(await call('staff:lock', { token })).toEqual({ locked: true });
    expect(await core.dispatch('staff:config', { token })).toMatchObject({
      ok: false,
      error: { code: 'staff_only' },
    });
  });

  it('are required by every staff channel', async () => {
    await open();
    const { settings } = await configOf();
    const token = 'A'.repeat(43);
    const inputs = {
      'staff:status': { token },
      'staff:config': { token },
      'staff:configure': { token, settings },
      'staff:change-pin': { token, newPin: '9999' },
      'staff:exit': { token },
    };
    for (const [channel, input] of Object.entries(inputs)) {
      expect(await core.dispatch(channel, input)).toMatchObject({ ok: false, error: { code: 'staff_only' } });
    }
    expect(await core.dispatch('staff:status', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(exits).toBe(0);
  });
});

async function configOf(): Promise<ChannelOutput<'staff:config'>> {
  const { token } = await unlock();
  return call('staff:config', { token });
}

describe('staff configuration', () => {
  it('lists the settings and every installed form', async () => {
    await open();
    const config = await configOf();
    expect(config.settings.offeredForms).toEqual([
      { formId: 'registro_visitantes', onIdle: 'discard' },
      { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
    ]);
    expect(config.availableForms.map((f) => `${f.formId}:${f.kind}:${f.version}`)).toEqual([
      'encuesta_impacto_economico:survey:2026110101',
      'patrimonio_inmaterial:heritage:2026110101',
      'registro_visitantes:registration:2026110101',
    ]);
  });

  it('saves valid settings, which the kiosk then runs with and keeps after a restart', async () => {
    await open();
    const { token } = await unlock();
    const { settings } = await call<ChannelOutput<'staff:config'>>('staff:config', { token });
    const changed: KioskSettings = {
      ...settings,
      deviceName: 'Entrada norte',
      eventId: 'fenalij_2026',
      offeredForms: [{ formId: 'encuesta_impacto_economico', onIdle: 'discard' }],
      defaultLanguage: 'en',
    };
    expect(await call('staff:configure', { token, settings: changed })).toMatchObject({ settings: changed });
    const boot = await call<ChannelOutput<'kiosk:bootstrap'>>('kiosk:bootstrap', {});
    expect(boot.settings).toEqual(changed);
    expect(boot.forms.map((f) => f.formId)).toEqual(['encuesta_impacto_economico']);

    core.close();
    core = openKioskCore({ dataDir: dir.path, ...options() });
    expect((await call<ChannelOutput<'kiosk:bootstrap'>>('kiosk:bootstrap', {})).settings).toEqual(changed);
  });

  it('refuses a form that is not installed, and changes nothing', async () => {
    await open();
    const { token } = await unlock();
    const { settings } = await call<ChannelOutput<'staff:config'>>('staff:config', { token });
    const result = await core.dispatch('staff:configure', {
      token,
      settings: {
        ...settings,
        deviceName: 'otro',
        offeredForms: [{ formId: 'no_such_form', onIdle: 'keep' }],
      },
    });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'form_not_found',
        message: 'settings.offeredForms: form "no_such_form" is not installed on this kiosk',
        details: { formId: 'no_such_form' },
      },
    });
    expect((await call<ChannelOutput<'staff:config'>>('staff:config', { token })).settings).toEqual(settings);
  });

  it('refuses settings that contradict themselves or break the schema', async () => {
    await open();
    const { token } = await unlock();
    const { settings } = await call<ChannelOutput<'staff:config'>>('staff:config', { token });
    expect(
      await core.dispatch('staff:configure', {
        token,
        settings: { ...settings, languages: ['en'], defaultLanguage: 'es' },
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'settings.defaultLanguage "es" is not one of settings.languages',
      },
    });
    const twice = [settings.offeredForms[0], settings.offeredForms[0]];
    expect(
      await core.dispatch('staff:configure', { token, settings: { ...settings, offeredForms: twice } }),
    ).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'settings.offeredForms lists form "registro_visitantes" twice',
      },
    });
    expect(
      await core.dispatch('staff:configure', { token, settings: { ...settings, idleTimeoutSeconds: 5 } }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message:
          'staff:configure: ✖ Too small: expected number to be >=15\n  → at settings.idleTimeoutSeconds',
      },
    });
    expect((await call<ChannelOutput<'staff:config'>>('staff:config', { token })).settings).toEqual(settings);
  });
});

describe('staff PIN change and exit', () => {
  it('replaces the PIN, also after a restart', async () => {
    await open();
    const { token } = await unlock();
    expect(await call('staff:change-pin', { token, newPin: '975310' })).toEqual({ changed: true });
    core.close();
    core = openKioskCore({ dataDir: dir.path, ...options() });
    expect(await core.dispatch('staff:unlock', { pin: TEST_PIN })).toMatchObject({
      ok: false,
      error: { code: 'pin_wrong' },
    });
    await expect(unlock('975310')).resolves.toHaveProperty('token');
  });

  it('refuses a new PIN under 6 digits and keeps the old one', async () => {
    await open();
    const { token } = await unlock();
    for (const newPin of ['1234', '12345']) {
      expect(await core.dispatch('staff:change-pin', { token, newPin })).toEqual({
        ok: false,
        error: { code: 'invalid_input', message: 'The staff PIN must be 6 to 8 digits' },
      });
    }
    await expect(unlock()).resolves.toHaveProperty('token');
    expect(await core.dispatch('staff:unlock', { pin: '1234' })).toMatchObject({
      error: { code: 'pin_wrong' },
    });
  });

  it('leaves kiosk mode through onExit, after answering', async () => {
    await open();
    const { token } = await unlock();
    expect(await call('staff:exit', { token })).toEqual({ exited: true });
    expect(exits).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toBe(1);
  });
});
