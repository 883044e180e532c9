// This kiosk's identity on the sync server: a UUIDv7 made at first start. It changes only when
// the server finds that two kiosks share it (a cloned disk image: device_cloned). Then the copy
// takes a new id and must be enrolled again; what it made stays its own:
// - rows the server settled keep the old id (they are on the server under it, exactly once);
// - rows not settled were never stored under the old id (the server refuses the whole batch that
//   replays a seq with other content, and a kiosk pushes from its first unsettled row on), so
//   their payloads are rewritten to the new id and sent by it, numbered from 1 after seq_base.
import { v7 as uuidv7 } from 'uuid';
import type { KioskDb } from '../db/migrate';

/** This kiosk's id: created the first time it is asked for, the same until a clone is found. */
export function ensureDeviceId(db: KioskDb, now: Date): string {
  db.prepare('INSERT OR IGNORE INTO device (singleton, device_id, created_at) VALUES (1, ?, ?)').run(
    uuidv7(),
    now.toISOString(),
  );
  return currentDeviceId(db);
}

export function currentDeviceId(db: KioskDb): string {
  const row = db.prepare<[], { device_id: string }>('SELECT device_id FROM device').get();
  if (!row) throw new Error('device row missing (ensureDeviceId makes it)');
  return row.device_id;
}

/**
 * The server refused this kiosk as a copy of another: a new id, the old one retired, the
 * enrolment dropped (its token is the other kiosk's too; the server's address and pin go with it,
 * the new enrolment brings them again) with `message` for staff, and every
 * unsettled row moved to the new id. Answers the new id.
 */
export function takeNewIdentity(db: KioskDb, now: Date, message: string): string {
  return db
    .transaction(() => {
      const old = currentDeviceId(db);
      const id = uuidv7();
      const at = now.toISOString();
      db.prepare(
        'INSERT OR IGNORE INTO retired_device_ids (device_id, retired_at, reason) VALUES (?, ?, ?)',
      ).run(old, at, 'device_cloned');
      db.prepare('UPDATE device SET device_id = ?, created_at = ?').run(id, at);
      // Everything before the first unsettled row was settled under earlier ids.
      db.prepare(
        `UPDATE sync_state SET server_url = NULL, device_token = NULL, server_fingerprint = NULL, revoked = 0, last_error_code = 'device_cloned',
           last_error_message = ?, seq_base = coalesce((SELECT min(seq) - 1 FROM outbox WHERE acked_at IS NULL),
           (SELECT max(seq) FROM outbox), 0)`,
      ).run(message);
      adoptUnsentRows(db, id);
      return id;
    })
    .immediate();
}

/**
 * Unsettled rows written under a retired id become the current id's: those pending when the
 * clone was found, and those a core that has not restarted since still writes under the old id.
 */
export function adoptUnsentRows(db: KioskDb, id: string): void {
  // Called before every push: a kiosk never cloned skips two scans of its whole backlog.
  if (db.prepare('SELECT 1 FROM retired_device_ids LIMIT 1').get() === undefined) return;
  const retired = `SELECT device_id FROM retired_device_ids`;
  const unsent = `SELECT entity_id FROM outbox WHERE acked_at IS NULL AND entity_kind = 'submission'`;
  db.prepare(
    `UPDATE submissions SET device_id = ? WHERE device_id IN (${retired}) AND id IN (${unsent})`,
  ).run(id);
  db.prepare(
    `UPDATE outbox SET payload = json_set(payload, '$.deviceId', ?)
       WHERE acked_at IS NULL AND json_extract(payload, '$.deviceId') IN (${retired})`,
  ).run(id);
}

/** Outbox seqs up to this were settled under earlier ids; the current id's seq 1 is the next. */
export function readSeqBase(db: KioskDb): number {
  return db.prepare<[], { seq_base: number }>('SELECT seq_base FROM sync_state').get()?.seq_base ?? 0;
}
