import { CallFailure } from '../../../shared/ipc/result';
import { NEW_PIN_RULE, NewPinSchema } from '../../../shared/kiosk/kiosk-settings';
import type { KioskDb } from '../db/migrate';
import { hashPin, verifyPin } from './pin-hash';
import { clearPinLockout } from './pin-lockout';

/** Throws CallFailure 'invalid_input' unless the PIN is long enough to be set. */
export function assertNewPin(pin: string): void {
  if (!NewPinSchema.safeParse(pin).success) throw new CallFailure('invalid_input', NEW_PIN_RULE);
}

export async function setStaffPin(db: KioskDb, pin: string, now: Date): Promise<void> {
  assertNewPin(pin);
  writeStaffPinHash(db, await hashPin(pin), now);
}

/** Stores a hash made by hashPin and ends any lockout; synchronous, so it can join a transaction. */
export function writeStaffPinHash(db: KioskDb, hash: string, now: Date): void {
  clearPinLockout(db);
  db.prepare(
    `INSERT INTO staff_pin (singleton, hash, updated_at) VALUES (1, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET hash = excluded.hash, updated_at = excluded.updated_at`,
  ).run(hash, now.toISOString());
}

export const hasStaffPin = (db: KioskDb): boolean =>
  db.prepare('SELECT 1 FROM staff_pin').get() !== undefined;

/** null when no PIN has been set on this kiosk. */
export async function checkStaffPin(db: KioskDb, pin: string): Promise<boolean | null> {
  const row = db.prepare<[], { hash: string }>('SELECT hash FROM staff_pin').get();
  return row === undefined ? null : verifyPin(pin, row.hash);
}
