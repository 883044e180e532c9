// Photos no draft or revision names any more (a retaken photo, a discarded draft, photos dropped
// when photo consent became "no") are deleted when a draft is finished or discarded.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { KioskDb } from '../db/migrate';
import { attachmentNamesIn, isAttachmentName, mayNameAnAttachment } from './attachment-names';
import { TEMP_SUFFIX } from '../../../shared/sync/node/write-durably';
import { mediaDir } from './attachment-store';

/**
 * A photo saved this recently is kept even if nothing names it yet: the renderer saves the photo,
 * then autosaves the draft that names it, and another draft may be finished in between.
 */
export const UNCLAIMED_PHOTO_GRACE_MS = 10 * 60_000;

/** Every attachment name a draft or a stored revision holds. */
export function referencedAttachments(db: KioskDb): Set<string> {
  const names = new Set<string>();
  const answers = db.prepare<[], { answers: string }>(
    `SELECT answers FROM drafts
     UNION ALL SELECT answers FROM submissions WHERE ${mayNameAnAttachment('answers')}`,
  );
  for (const row of answers.iterate()) attachmentNamesIn(JSON.parse(row.answers), names);
  return names;
}

/**
 * Deletes unreferenced photos: those `released` (the draft just finished or discarded named them)
 * at once, others once older than the grace; and what a crash left behind (temp files, files whose
 * row never committed). Rows go first, so a crash in between leaves only files, collected next time.
 */
export function collectMedia(db: KioskDb, released: ReadonlySet<string>, now: Date): string[] {
  const referenced = referencedAttachments(db);
  const before = new Date(now.getTime() - UNCLAIMED_PHOTO_GRACE_MS).toISOString();
  const rows = db
    .prepare<[], { name: string; created_at: string }>('SELECT name, created_at FROM attachments')
    .all();
  const doomed = rows
    .filter((r) => !referenced.has(r.name) && (released.has(r.name) || r.created_at < before))
    .map((r) => r.name);
  const remove = db.prepare('DELETE FROM attachments WHERE name = ?');
  db.transaction(() => doomed.forEach((name) => remove.run(name)))();

  const dir = mediaDir(db);
  if (!existsSync(dir)) return doomed;
  const kept = new Set(rows.map((r) => r.name).filter((name) => !doomed.includes(name)));
  for (const entry of readdirSync(dir)) {
    const leftover =
      entry.endsWith(TEMP_SUFFIX) || (isAttachmentName(entry) && !kept.has(entry) && !referenced.has(entry));
    if (leftover) rmSync(join(dir, entry), { force: true });
  }
  return doomed;
}
