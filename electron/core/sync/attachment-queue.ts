// Which photos wait to travel, worked out from what the database already says, so a restart or a
// crash loses no place in the queue: a photo goes up once the server has a record that names it
// (the server accepts a photo only then), and comes down when a revision pulled from another
// kiosk names a photo this kiosk lacks.
import { formatOfName } from '../../../shared/sync/attachment-formats';
import { AttachmentNameSchema } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import { attachmentNamesIn, mayNameAnAttachment, type AttachmentMime } from '../field/attachment-names';

export type WaitingPhoto = { name: string; mime: AttachmentMime; size: number };

/**
 * Photos the server has not confirmed whose record it has: named by a revision of ours it
 * acknowledged (not refused as a dead letter), or by one pulled from another kiosk. Oldest first.
 */
export function photosToUpload(db: KioskDb, deviceId: string): WaitingPhoto[] {
  const waiting = db
    .prepare<[], WaitingPhoto>(
      'SELECT name, mime, size FROM attachments WHERE uploaded_at IS NULL ORDER BY created_at, name',
    )
    .all();
  if (waiting.length === 0) return [];
  const named = new Set<string>();
  const acknowledged = db
    .prepare<[], { payload: string }>(
      `SELECT o.payload FROM outbox o
       WHERE o.entity_kind = 'submission' AND o.acked_at IS NOT NULL AND ${mayNameAnAttachment('o.payload')}
         AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.seq = o.seq)`,
    )
    .all();
  for (const row of acknowledged)
    attachmentNamesIn((JSON.parse(row.payload) as { answers?: unknown }).answers, named);
  for (const answers of pulledAnswers(db, deviceId)) attachmentNamesIn(answers, named);
  return waiting.filter((photo) => named.has(photo.name));
}

/** Photos named by revisions pulled from other kiosks that this kiosk does not hold. */
export function photosToDownload(db: KioskDb, deviceId: string): { name: string; mime: AttachmentMime }[] {
  const named = new Set<string>();
  for (const answers of pulledAnswers(db, deviceId)) attachmentNamesIn(answers, named);
  const held = db.prepare<[string], { name: string }>('SELECT name FROM attachments WHERE name = ?');
  return [...named]
    .filter((name) => held.get(name) === undefined)
    .sort()
    .map((name) => ({ name, mime: mimeOf(name) }));
}

/**
 * A server restored from an older backup lost the photos of the records it lost: the kiosk sends
 * those records again (outbox rows from..through, from its retained copies) and, by this, their
 * photos too.
 */
export function forgetUploads(db: KioskDb, from: number, through: number): void {
  const named = new Set<string>();
  const rows = db
    .prepare<[number, number], { payload: string }>(
      `SELECT payload FROM outbox WHERE seq BETWEEN ? AND ? AND entity_kind = 'submission' AND ${mayNameAnAttachment('payload')}`,
    )
    .all(from, through);
  for (const row of rows)
    attachmentNamesIn((JSON.parse(row.payload) as { answers?: unknown }).answers, named);
  if (named.size === 0) return;
  const forget = db.prepare('UPDATE attachments SET uploaded_at = NULL WHERE name = ?');
  db.transaction(() => {
    for (const name of named) forget.run(name);
  })();
}

/**
 * The server confirmed these photos whole (by hash): one transaction (one fsync) for all of them.
 * Only a note of what the server holds, so marks a crash loses come back from the next status.
 */
export function markUploaded(db: KioskDb, names: readonly string[], at: Date): void {
  if (names.length === 0) return;
  const mark = db.prepare('UPDATE attachments SET uploaded_at = ? WHERE name = ? AND uploaded_at IS NULL');
  db.transaction(() => {
    for (const name of names) mark.run(at.toISOString(), name);
  })();
}

export function mimeOf(name: string): AttachmentMime {
  return formatOfName(AttachmentNameSchema.parse(name)).mime;
}

/** The answers of revisions made on other kiosks (they reach this one only by the records stream). */
function pulledAnswers(db: KioskDb, deviceId: string): unknown[] {
  return db
    .prepare<[string], { answers: string }>(
      // A kiosk that took a new identity made the records of its earlier ids itself.
      `SELECT answers FROM submissions WHERE device_id <> ?
         AND device_id NOT IN (SELECT device_id FROM retired_device_ids) AND ${mayNameAnAttachment('answers')}`,
    )
    .all(deviceId)
    .map((row) => JSON.parse(row.answers) as unknown);
}
