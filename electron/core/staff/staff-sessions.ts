// Staff unlock: a PIN buys a bearer token that lapses after a quiet spell, and a run of wrong
// PINs locks the keypad for a while (see pin-lockout.ts), so a visitor cannot try PINs at
// touchscreen speed.
import { randomBytes } from 'node:crypto';
import { CallFailure } from '../../../shared/ipc/result';
import type { PinLockout } from './pin-lockout';

/** A session ends this long after it was last used. */
export const SESSION_IDLE_MS = 10 * 60_000;

export type StaffSessionsOptions = {
  now: () => Date;
  /** true/false for a right/wrong PIN; null when no PIN is set on this kiosk. */
  checkPin: (pin: string) => Promise<boolean | null>;
  lockout: PinLockout;
};

export type StaffSessions = {
  /** Throws CallFailure 'pin_wrong' {attemptsLeft} or 'pin_locked' {retryAfterSeconds}. */
  unlock(pin: string): Promise<{ token: string; expiresAt: string }>;
  /** Throws CallFailure 'staff_only' unless the token is live; extends it. */
  touch(token: string): void;
  lock(token: string): void;
};

export function createStaffSessions({ now, checkPin, lockout }: StaffSessionsOptions): StaffSessions {
  const lastUsed = new Map<string, number>();
  // One attempt at a time: otherwise many attempts sent at once would all pass the lockout
  // check before the first slow hash finishes.
  let queue: Promise<unknown> = Promise.resolve();

  const expiresAt = (usedAt: number) => new Date(usedAt + SESSION_IDLE_MS).toISOString();

  const attempt = async (pin: string) => {
    const remaining = lockout.remainingMs(now());
    if (remaining > 0) throw locked(remaining);
    const right = await checkPin(pin);
    if (right === null) {
      throw new CallFailure(
        'pin_wrong',
        'No staff PIN is set on this kiosk: set one with "quiosco kiosk init --data DIR --pin-stdin".',
        { attemptsLeft: lockout.attemptsLeft() },
      );
    }
    if (!right) {
      const outcome = lockout.recordWrong(now());
      if ('lockedForMs' in outcome) throw locked(outcome.lockedForMs);
      throw new CallFailure('pin_wrong', 'Wrong PIN', { attemptsLeft: outcome.attemptsLeft });
    }
    lockout.recordRight();
    const token = randomBytes(32).toString('base64url');
    const usedAt = now().getTime();
    lastUsed.set(token, usedAt);
    return { token, expiresAt: expiresAt(usedAt) };
  };

  return {
    unlock(pin) {
      const result = queue.then(() => attempt(pin));
      queue = result.catch(() => undefined);
      return result;
    },
    touch(token) {
      const usedAt = lastUsed.get(token);
      const t = now().getTime();
      if (usedAt === undefined || t >= usedAt + SESSION_IDLE_MS) {
        lastUsed.delete(token);
        throw new CallFailure('staff_only', 'Staff session missing or expired: unlock with the PIN');
      }
      lastUsed.set(token, t);
    },
    lock(token) {
      lastUsed.delete(token);
    },
  };
}

const locked = (remainingMs: number) => {
  const retryAfterSeconds = Math.ceil(remainingMs / 1000);
  return new CallFailure('pin_locked', `Too many wrong PINs: try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
};
