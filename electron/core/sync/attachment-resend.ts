// A server restored from an older backup lost the photos of the records it lost: the kiosk sends
// those records again from its retained copies, and their photos with them.
import type { KioskDb } from '../db/migrate';
import { attachmentNamesIn } from '../field/attachment-names';

/** Marks the photos named by outbox rows from..through as not uploaded, so the next upload sends them. */
export function forgetUploads(db: KioskDb, from: number, through: number): void {
  const named = new Set<string>();
  const rows = db
    .prepare<[number, number], { payload: string }>(
      `SELECT payload FROM outbox WHERE seq BETWEEN ? AND ? AND entity_kind = 'submission'
         AND (instr(payload, '.jpg"') > 0 OR instr(payload, '.png"') > 0)`,
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
