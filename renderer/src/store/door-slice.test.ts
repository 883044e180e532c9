// The store's door flows: unlocking into the door screen, scanning, polling the door's status, and
// an expired staff session, against a scripted kiosk core.
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, DoorStatus, DoorVerdict } from '../../../shared/ipc/contract';
import { MAX_DOOR_SCAN_INPUT } from '../../../shared/ipc/door-limits';
import type { Result } from '../../../shared/ipc/result';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import {
  ENROLLED,
  NOW,
  SETTINGS,
  STAFF_SESSION,
  TOKEN,
  readyStore,
  type Handlers,
} from './testing/scripted-kiosk';

const DOOR_SETTINGS: KioskSettings = { ...SETTINGS, mode: 'door', gate: 'Puerta Norte' };
const EXPIRED = { code: 'staff_only', message: 'expired' } as const;

function doorStatus(inside: number): DoorStatus {
  return {
    eventId: SETTINGS.eventId,
    eventName: null,
    gate: DOOR_SETTINGS.gate,
    rules: { allowReentry: true, acceptPasses: true },
    occupancy: { venue: null, inside, capacity: 500, entries: inside, exits: 0 },
    scansHere: inside,
    pendingSync: inside,
    sync: ENROLLED,
    known: { keys: 1, tickets: 120, revocations: 0 },
    doubleEntries: [],
    doubleEntryCount: 0,
  };
}

function verdict(text: string, direction: 'entry' | 'exit'): DoorVerdict {
  return {
    scan: {
      id: `scan-${text}`,
      gate: DOOR_SETTINGS.gate,
      deviceId: 'device-1',
      here: true,
      direction,
      verdict: direction === 'entry' ? 'valid_entry' : 'valid_exit',
      at: NOW.toISOString(),
    },
    reason: direction === 'entry' ? 'entry_ok' : 'exit_ok',
    needsAttention: false,
    ticket: { source: 'imported', type: 'General', holder: `Titular ${text}` },
    previousScan: null,
  };
}

/** A door kiosk whose core admits every scan and counts each one inside. */
function doorKiosk(handlers: Handlers = {}): Handlers {
  let inside = 0;
  return {
    ...STAFF_SESSION,
    'kiosk:bootstrap': () => ({
      ok: true,
      value: { deviceId: 'device-1', settings: DOOR_SETTINGS, forms: [] },
    }),
    'door:status': () => ({ ok: true, value: doorStatus(inside) }),
    'door:scan': ({ text, direction }) => {
      inside += direction === 'entry' ? 1 : -1;
      return { ok: true, value: verdict(text, direction) };
    },
    ...handlers,
  };
}

async function unlockedDoor(handlers: Handlers = {}) {
  const ready = await readyStore(doorKiosk(handlers));
  ready.store.getState().openStaffPin();
  expect(await ready.store.getState().unlockStaff('2468')).toBeNull();
  return ready;
}

describe('door kiosk', () => {
  it('unlocks into the door screen with the door status, not the staff screen', async () => {
    const { store, calls } = await unlockedDoor();
    expect(store.getState()).toMatchObject({
      screen: 'door',
      staff: { token: TOKEN },
      door: { direction: 'entry', status: doorStatus(0), statusError: null, outcome: null },
    });
    expect(calls.map((call) => call.channel)).toEqual(['kiosk:bootstrap', 'staff:unlock', 'door:status']);
    expect(calls.at(-1)?.input).toEqual({ token: TOKEN });
  });

  it('unlocks a visitor kiosk into the staff screen, as before', async () => {
    const { store } = await readyStore({
      ...doorKiosk(),
      'kiosk:bootstrap': () => ({ ok: true, value: { deviceId: 'device-1', settings: SETTINGS, forms: [] } }),
      'staff:status': () => ({ ok: false, error: { code: 'internal', message: 'not scripted here' } }),
    });
    store.getState().openStaffPin();
    await store.getState().unlockStaff('2468');
    expect(store.getState().screen).toBe('staff');
  });

  it('goes to the staff screen and back, only with a staff session', async () => {
    const { store } = await unlockedDoor();
    store.getState().openStaffScreen();
    expect(store.getState().screen).toBe('staff');
    store.getState().openDoorScreen();
    expect(store.getState().screen).toBe('door');
    await store.getState().lockStaff();
    store.getState().openDoorScreen();
    store.getState().openStaffScreen();
    expect(store.getState().screen).toBe('attract');
  });

  it('scans in the chosen direction, shows the verdict and refreshes the occupancy', async () => {
    const { store, calls } = await unlockedDoor();
    const result = await store.getState().scan('ABC-123');
    expect(result).toEqual({ ok: true, value: verdict('ABC-123', 'entry') });
    expect(calls.slice(-2)).toEqual([
      { channel: 'door:scan', input: { token: TOKEN, text: 'ABC-123', direction: 'entry' } },
      { channel: 'door:status', input: { token: TOKEN } },
    ]);
    expect(store.getState().door).toMatchObject({
      outcome: { id: 1, kind: 'verdict', verdict: verdict('ABC-123', 'entry') },
      status: { occupancy: { inside: 1 } },
    });

    store.getState().setDirection('exit');
    await store.getState().scan('ABC-123');
    expect(calls.at(-2)).toEqual({
      channel: 'door:scan',
      input: { token: TOKEN, text: 'ABC-123', direction: 'exit' },
    });
    expect(store.getState().door).toMatchObject({
      direction: 'exit',
      outcome: { id: 2, kind: 'verdict', verdict: { reason: 'exit_ok' } },
      status: { occupancy: { inside: 0 } },
    });
  });

  it('cuts what a runaway scanner typed at the most a scan call carries', async () => {
    const { store, calls } = await unlockedDoor();
    await store.getState().scan('A'.repeat(MAX_DOOR_SCAN_INPUT + 500));
    const sent = calls.find((call) => call.channel === 'door:scan')?.input as { text: string };
    expect(sent.text).toBe('A'.repeat(MAX_DOOR_SCAN_INPUT));
  });

  it('keeps the newest scan on screen when an older one answers late', async () => {
    const waiting: ((result: Result<DoorVerdict>) => void)[] = [];
    const { store } = await unlockedDoor({
      'door:scan': () => new Promise((resolve) => waiting.push(resolve)),
    });
    const first = store.getState().scan('FIRST');
    const second = store.getState().scan('SECOND');
    waiting[1]?.({ ok: true, value: verdict('SECOND', 'entry') });
    await second;
    waiting[0]?.({ ok: true, value: verdict('FIRST', 'entry') });
    await first;
    expect(store.getState().door.outcome).toEqual({
      id: 2,
      kind: 'verdict',
      verdict: verdict('SECOND', 'entry'),
    });
  });

  it('shows a failed scan as such and leaves the status alone', async () => {
    const failure = { code: 'internal', message: 'database is locked' } as const;
    const { store, calls } = await unlockedDoor({ 'door:scan': () => ({ ok: false, error: failure }) });
    expect(await store.getState().scan('ABC-123')).toEqual({ ok: false, error: failure });
    expect(store.getState().door.outcome).toEqual({ id: 1, kind: 'failed', error: failure });
    expect(calls.at(-1)?.channel).toBe('door:scan');
  });

  it('closes only the outcome it was asked to close', async () => {
    const { store } = await unlockedDoor();
    await store.getState().scan('FIRST');
    await store.getState().scan('SECOND');
    store.getState().dismissOutcome(1);
    expect(store.getState().door.outcome?.id).toBe(2);
    store.getState().dismissOutcome(2);
    expect(store.getState().door.outcome).toBeNull();
  });

  it('keeps a failed status poll until one succeeds', async () => {
    let fail = true;
    const refusal = { code: 'forbidden', message: 'not in door mode' } as const;
    const { store } = await readyStore(
      doorKiosk({
        'door:status': () => (fail ? { ok: false, error: refusal } : { ok: true, value: doorStatus(3) }),
      }),
    );
    store.getState().openStaffPin();
    expect(await store.getState().unlockStaff('2468')).toEqual(refusal);
    expect(store.getState()).toMatchObject({ screen: 'door', staff: { token: TOKEN } });
    expect(store.getState().door).toMatchObject({
      status: null,
      statusError: refusal,
    });
    fail = false;
    expect(await store.getState().loadDoorStatus()).toBeNull();
    expect(store.getState().door).toMatchObject({ status: doorStatus(3), statusError: null });
  });

  it('sends staff back to the PIN pad when the session expired before a scan', async () => {
    const { store } = await unlockedDoor({ 'door:scan': () => ({ ok: false, error: EXPIRED }) });
    expect(await store.getState().scan('ABC-123')).toEqual({ ok: false, error: EXPIRED });
    expect(store.getState()).toMatchObject({
      screen: 'staff-pin',
      staff: { token: null },
      door: { outcome: null },
    });
  });

  it('sends staff back to the PIN pad when the session expired before a status poll', async () => {
    let expired = false;
    const { store } = await unlockedDoor({
      'door:status': (): Result<ChannelOutput<'door:status'>> =>
        expired ? { ok: false, error: EXPIRED } : { ok: true, value: doorStatus(0) },
    });
    await store.getState().scan('ABC-123');
    expired = true;
    expect(await store.getState().loadDoorStatus()).toEqual(EXPIRED);
    expect(store.getState()).toMatchObject({ screen: 'staff-pin', staff: { token: null } });
    // Back in with the PIN: the verdict from before the expiry is gone.
    expired = false;
    await store.getState().unlockStaff('2468');
    expect(store.getState()).toMatchObject({ screen: 'door', door: { outcome: null } });
  });

  it('locks into the door-locked screen with nothing of the session left', async () => {
    const { store, calls } = await unlockedDoor();
    store.getState().setDirection('exit');
    await store.getState().scan('ABC-123');
    await store.getState().lockStaff();
    expect(store.getState()).toMatchObject({
      screen: 'attract',
      staff: { token: null },
      door: { direction: 'entry', status: null, statusError: null, outcome: null },
    });
    expect(calls.at(-1)).toEqual({ channel: 'staff:lock', input: { token: TOKEN } });
  });

  it('ignores a scan that answers after the door was locked', async () => {
    let answer: (result: Result<DoorVerdict>) => void = () => {};
    const { store, calls } = await unlockedDoor({
      'door:scan': () => new Promise((resolve) => (answer = resolve)),
    });
    const scanning = store.getState().scan('ABC-123');
    await store.getState().lockStaff();
    answer({ ok: true, value: verdict('ABC-123', 'entry') });
    await scanning;
    expect(store.getState()).toMatchObject({ screen: 'attract', door: { outcome: null } });
    expect(calls.at(-1)?.channel).toBe('staff:lock');
  });
});
