// The kiosk side of sync without a server: the status of a kiosk never enrolled, an enrolment
// that cannot reach its server, and a pulled page applied with its cursor or not at all.
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { PullChange } from '../../../shared/sync/protocol';
import { openKioskDatabase } from '../db/kiosk-database';
import { createFormStore } from '../forms/form-store';
import type { KioskCore } from '../kiosk-core';
import { readKioskSettings } from '../settings/kiosk-settings-store';
import { makeTempDir, NEVER_SYNCED, openTestKiosk, TEST_PIN } from '../testing/kiosk-fixtures';
import { applyPulledPage } from './apply-pull';
import { manualTimers } from './testing/manual-timers';
import { readPullCursor, saveEnrolment, savePullCursor } from './sync-state';

let dir: ReturnType<typeof makeTempDir>;
let core: KioskCore | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  dir.remove();
});

async function staff(c: KioskCore): Promise<string> {
  const result = await c.dispatch('staff:unlock', { pin: TEST_PIN });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as ChannelOutput<'staff:unlock'>).token;
}

/** A port on 127.0.0.1 that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('kiosk sync without a server', () => {
  it('a kiosk never enrolled makes no attempt and says so', async () => {
    dir = makeTempDir();
    core = await openTestKiosk(dir.path);
    expect(await core.syncNow()).toEqual(NEVER_SYNCED);
    const token = await staff(core);
    expect(await core.dispatch('staff:sync-now', { token })).toEqual({ ok: true, value: NEVER_SYNCED });
  });

  it('enrolment and sync-now are for staff only', async () => {
    dir = makeTempDir();
    core = await openTestKiosk(dir.path);
    const token = 'x'.repeat(24);
    const staffOnly = {
      ok: false,
      error: { code: 'staff_only', message: 'Staff session missing or expired: unlock with the PIN' },
    };
    expect(await core.dispatch('staff:sync-now', { token })).toEqual(staffOnly);
    expect(
      await core.dispatch('staff:enrol', { token, code: 'ABCD-EFGH-JKMN', serverUrl: 'http://127.0.0.1:1/' }),
    ).toEqual(staffOnly);
    expect(await core.syncNow()).toEqual(NEVER_SYNCED);
  });

  it('a door kiosk retries an absent server at least every 10 s, a visitor kiosk backs off to 60 s', async () => {
    dir = makeTempDir();
    const url = `http://127.0.0.1:${await closedPort()}/`;
    const db = openKioskDatabase(dir.path);
    saveEnrolment(db, {
      serverUrl: url,
      token: 't'.repeat(30),
      eventId: 'demo',
      at: '2026-11-21T10:00:00Z',
      clockOffsetMs: null,
    });
    db.close();
    const clock = manualTimers();
    core = await openTestKiosk(dir.path, { sync: { timers: clock.timers, random: () => 0.999 } });
    const ceilings = async () => {
      const delays: number[] = [];
      for (let i = 0; i < 8; i++) {
        clock.fire();
        // The round fails (nothing listens); let it record that and schedule the retry.
        await expect.poll(() => clock.pending().length).toBe(1);
        delays.push(clock.pending()[0] as number);
      }
      return delays;
    };
    expect(Math.max(...(await ceilings()))).toBeGreaterThan(50_000);

    const token = await staff(core);
    const config = await core.call('staff:config', { token });
    if (!config.ok) throw new Error(config.error.message);
    await core.call('staff:configure', { token, settings: { ...config.value.settings, mode: 'door' } });
    const door = await ceilings();
    expect(Math.max(...door)).toBeLessThanOrEqual(10_000);
    expect(Math.max(...door)).toBeGreaterThan(9_000);
  });

  it('an enrolment that cannot reach the server leaves the kiosk unenrolled with the reason', async () => {
    dir = makeTempDir();
    const now = new Date('2026-11-20T10:00:00.000Z');
    core = await openTestKiosk(dir.path, { now: () => now });
    const token = await staff(core);
    const serverUrl = `http://127.0.0.1:${await closedPort()}/`;
    const result = await core.dispatch('staff:enrol', { token, code: 'ABCD-EFGH-JKMN', serverUrl });
    expect(result).toEqual({
      ok: true,
      value: {
        ...NEVER_SYNCED,
        lastAttemptAt: now.toISOString(),
        lastError: {
          code: 'server_unreachable',
          message: expect.stringMatching(/^cannot reach the server \(ECONNREFUSED/),
        },
      },
    });
    const status = await core.dispatch('staff:status', { token });
    expect(status.ok && (status.value as ChannelOutput<'staff:status'>).sync).toEqual(
      result.ok && result.value,
    );
  });
});

describe('applying a pulled page', () => {
  const event = (id: string): PullChange => ({
    seq: 1,
    kind: 'event',
    id,
    payload: { id, name: `Event ${id}` },
  });

  async function enrolledDb() {
    dir = makeTempDir();
    (await openTestKiosk(dir.path)).close();
    const db = openKioskDatabase(dir.path);
    const at = '2026-11-20T10:00:00.000Z';
    saveEnrolment(db, {
      serverUrl: 'http://127.0.0.1:1/',
      token: 'qdev_t',
      eventId: 'feria',
      at,
      clockOffsetMs: null,
    });
    const deviceId =
      db.prepare<[], { device_id: string }>('SELECT device_id FROM device').get()?.device_id ?? '';
    return { db, deviceId, forms: createFormStore(db), now: new Date(at) };
  }
  const events = (db: ReturnType<typeof openKioskDatabase>) => db.prepare('SELECT id FROM events').all();

  it('applies the rows and saves the cursor together', async () => {
    const { db, deviceId, forms, now } = await enrolledDb();
    const config: PullChange = {
      seq: 2,
      kind: 'device_config',
      id: deviceId,
      payload: {
        deviceId,
        deviceName: 'Kiosco 7',
        eventId: 'feria',
        offeredForms: [{ formId: 'registro_visitantes', onIdle: 'keep' }],
      },
    };
    const applied = applyPulledPage(
      { db, forms, deviceId, token: 'qdev_t', now },
      { changes: [event('feria'), config], cursor: 2 },
    );
    expect(applied.saved).toBe(true);
    expect(applied.settings).toMatchObject({
      deviceName: 'Kiosco 7',
      eventId: 'feria',
      languages: ['es', 'en'],
    });
    expect(readKioskSettings(db)).toEqual(applied.settings);
    expect(events(db)).toEqual([{ id: 'feria' }]);
    expect(readPullCursor(db, 'kiosk')).toBe(2);
    db.close();
  });

  it('pulls field records from the start when a configuration moves the kiosk to another event', async () => {
    const { db, deviceId, forms, now } = await enrolledDb();
    const moveTo = (eventId: string, seq: number) =>
      applyPulledPage(
        { db, forms, deviceId, token: 'qdev_t', now },
        {
          changes: [
            event(eventId),
            {
              seq,
              kind: 'device_config',
              id: deviceId,
              payload: { deviceId, deviceName: 'K', eventId, offeredForms: [] },
            },
          ],
          cursor: seq,
        },
      );
    moveTo('feria', 2);
    expect(savePullCursor(db, 'qdev_t', 'records', 40)).toBe(true);
    moveTo('feria', 3);
    expect(readPullCursor(db, 'records')).toBe(40);
    moveTo('otra_feria', 4);
    expect(readPullCursor(db, 'records')).toBe(0);
    expect(readPullCursor(db, 'kiosk')).toBe(4);
    db.close();
  });

  it('keeps neither rows nor cursor of a page that fails half-way', async () => {
    const { db, deviceId, forms, now } = await enrolledDb();
    const before = readKioskSettings(db);
    const broken: PullChange = {
      seq: 2,
      kind: 'device_config',
      id: deviceId,
      payload: { deviceId, deviceName: '', eventId: 'feria', offeredForms: [] },
    };
    expect(() =>
      applyPulledPage(
        { db, forms, deviceId, token: 'qdev_t', now },
        { changes: [event('feria'), broken], cursor: 2 },
      ),
    ).toThrow(/deviceName/);
    expect(events(db)).toEqual([]);
    expect(readPullCursor(db, 'kiosk')).toBe(0);
    expect(readKioskSettings(db)).toEqual(before);
    db.close();
  });

  it('applies nothing when the kiosk was enrolled again while the page was on its way', async () => {
    const { db, deviceId, forms, now } = await enrolledDb();
    const applied = applyPulledPage(
      { db, forms, deviceId, token: 'qdev_old', now },
      { changes: [event('feria')], cursor: 5 },
    );
    expect(applied).toEqual({ saved: false, conflicts: [] });
    expect(events(db)).toEqual([]);
    expect(readPullCursor(db, 'kiosk')).toBe(0);
    db.close();
  });
});
