// The wrong-PIN lockout, persisted in the kiosk database so a restart (or a crash forced by
// whoever is guessing) does not reset it. Lockouts escalate but are capped: someone who keeps
// sending wrong PINs to the kiosk's local API can delay staff, never lock them out for good.
import type { KioskDb } from '../db/migrate';

export const MAX_WRONG_PINS = 5;
export const FIRST_LOCKOUT_MS = 60_000;
/** The longest lockout: 60 s doubling reaches it at the fifth lockout in a row. */
export const MAX_LOCKOUT_MS = 15 * 60_000;

/** How long the n-th lockout in a row lasts (n ≥ 1). */
export const lockoutMs = (n: number): number =>
  Math.min(FIRST_LOCKOUT_MS * 2 ** Math.max(0, n - 1), MAX_LOCKOUT_MS);

export type WrongPinOutcome = { attemptsLeft: number } | { lockedForMs: number };

export type PinLockout = {
  /** Milliseconds left of the current lockout; 0 when the keypad is open. */
  remainingMs(now: Date): number;
  attemptsLeft(): number;
  recordWrong(now: Date): WrongPinOutcome;
  recordRight(): void;
};

type Row = { wrong: number; lockouts: number; locked_until: string | null };

export function createPinLockout(db: KioskDb): PinLockout {
  const read = db.prepare<[], Row>('SELECT wrong, lockouts, locked_until FROM pin_lockout');
  const write = db.prepare<[number, number, string | null]>(
    'UPDATE pin_lockout SET wrong = ?, lockouts = ?, locked_until = ?',
  );
  const row = (): Row => read.get() ?? { wrong: 0, lockouts: 0, locked_until: null };

  // A transaction: two kiosk processes on one database must not both count from the same row.
  const recordWrong = db.transaction((now: Date): WrongPinOutcome => {
    const { wrong, lockouts } = row();
    if (wrong + 1 < MAX_WRONG_PINS) {
      write.run(wrong + 1, lockouts, null);
      return { attemptsLeft: MAX_WRONG_PINS - wrong - 1 };
    }
    const lockedForMs = lockoutMs(lockouts + 1);
    write.run(0, lockouts + 1, new Date(now.getTime() + lockedForMs).toISOString());
    return { lockedForMs };
  });

  return {
    remainingMs(now) {
      const { lockouts, locked_until } = row();
      if (locked_until === null) return 0;
      const left = Date.parse(locked_until) - now.getTime();
      // Capped by the lockout's own length: a clock set back must not stretch it.
      return Math.max(0, Math.min(left, lockoutMs(lockouts)));
    },
    attemptsLeft: () => MAX_WRONG_PINS - row().wrong,
    recordWrong: (now) => recordWrong.immediate(now),
    recordRight: () => clearPinLockout(db),
  };
}

/** A right PIN, or a new PIN set by someone who can write the data directory, ends any lockout. */
export function clearPinLockout(db: KioskDb): void {
  db.prepare('UPDATE pin_lockout SET wrong = 0, lockouts = 0, locked_until = NULL').run();
}
