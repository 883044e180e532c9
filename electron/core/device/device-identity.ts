import { v7 as uuidv7 } from 'uuid';
import type { KioskDb } from '../db/migrate';

/** This kiosk's id: created the first time it is asked for, the same forever after. */
export function ensureDeviceId(db: KioskDb, now: Date): string {
  db.prepare('INSERT OR IGNORE INTO device (singleton, device_id, created_at) VALUES (1, ?, ?)').run(
    uuidv7(),
    now.toISOString(),
  );
  const row = db.prepare<[], { device_id: string }>('SELECT device_id FROM device').get();
  if (!row) throw new Error('device row missing after insert');
  return row.device_id;
}
