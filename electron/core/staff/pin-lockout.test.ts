// The wrong-PIN lockout through real kiosk cores reopened on the same data directory, with a
// clock the test moves: it survives restarts, escalates, is capped, and a new PIN clears it.
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { initKiosk } from '../kiosk-setup';
import { initTestKiosk, makeTempDir, TEST_PIN } from '../testing/kiosk-fixtures';
import { lockoutMs, MAX_LOCKOUT_MS } from './pin-lockout';

let dir: ReturnType<typeof makeTempDir>;
let core: KioskCore;
let clock: Date;
afterEach(() => {
  core.close();
  dir.remove();
});

const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));
const reopen = () => {
  core.close();
  core = openKioskCore({ dataDir: dir.path, now: () => clock });
};
async function open(): Promise<void> {
  clock = new Date('2026-11-20T12:00:00.000Z');
  dir = makeTempDir();
  await initTestKiosk(dir.path);
  core = openKioskCore({ dataDir: dir.path, now: () => clock });
}

const unlock = (pin: string) => core.dispatch('staff:unlock', { pin });
const lockedFor = (retryAfterSeconds: number) => ({
  ok: false,
  error: {
    code: 'pin_locked',
    message: `Too many wrong PINs: try again in ${retryAfterSeconds} s`,
    details: { retryAfterSeconds },
  },
});
/** Five wrong PINs, restarting the kiosk after each: the fifth locks the keypad. */
async function fiveWrongAcrossRestarts(): Promise<unknown> {
  for (let i = 0; i < 4; i++) {
    expect(await unlock('000000')).toMatchObject({ error: { details: { attemptsLeft: 4 - i } } });
    reopen();
  }
  return unlock('000000');
}

describe('PIN lockout', () => {
  it('escalates 60 s, 120 s, 240 s… and keeps count across restarts', async () => {
    await open();
    expect(await fiveWrongAcrossRestarts()).toEqual(lockedFor(60));
    reopen();
    advance(10_000);
    expect(await unlock(TEST_PIN)).toEqual(lockedFor(50));
    advance(50_000);
    expect(await fiveWrongAcrossRestarts()).toEqual(lockedFor(120));
    reopen();
    advance(119_000);
    expect(await unlock(TEST_PIN)).toEqual(lockedFor(1));
    advance(1_000);
    expect(await fiveWrongAcrossRestarts()).toEqual(lockedFor(240));
  });

  it('is capped at 15 minutes, so nobody can lock staff out for good', async () => {
    expect([1, 2, 3, 4, 5, 6, 50].map(lockoutMs)).toEqual([
      60_000,
      120_000,
      240_000,
      480_000,
      MAX_LOCKOUT_MS,
      MAX_LOCKOUT_MS,
      MAX_LOCKOUT_MS,
    ]);
    await open();
    for (let round = 1; round <= 7; round++) {
      for (let i = 0; i < 4; i++) await unlock('000000');
      expect(await unlock('000000')).toEqual(lockedFor(lockoutMs(round) / 1000));
      advance(lockoutMs(round));
    }
    // A clock set back a day does not stretch the lockout past its own length.
    for (let i = 0; i < 4; i++) await unlock('000000');
    await unlock('000000');
    advance(-24 * 3600_000);
    expect(await unlock(TEST_PIN)).toEqual(lockedFor(MAX_LOCKOUT_MS / 1000));
  });

  it('starts over after the right PIN', async () => {
    await open();
    expect(await fiveWrongAcrossRestarts()).toEqual(lockedFor(60));
    advance(60_000);
    expect(await unlock(TEST_PIN)).toMatchObject({ ok: true });
    reopen();
    expect(await fiveWrongAcrossRestarts()).toEqual(lockedFor(60));
  });

  it('ends when someone with the data directory sets a new PIN', async () => {
    await open();
    await fiveWrongAcrossRestarts();
    core.close();
    await initKiosk({ dataDir: dir.path, pin: '864209' });
    core = openKioskCore({ dataDir: dir.path, now: () => clock });
    expect(await unlock('864209')).toMatchObject({ ok: true });
  });
});
