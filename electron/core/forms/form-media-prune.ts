// Old forms' images. A kiosk keeps every version of a form it ever had (records name the version
// they were made with), but a version's images only while the kiosk may still show that version.
// Only files are removed: no row names a form image, so a prune cut off half-way leaves files
// nothing needs, and the next prune removes them.
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NameSchema } from '../../../shared/forms/form-definition';
import { formMediaDir, mediaType } from '../../../shared/forms/node/form-media';
import { TEMP_SUFFIX } from '../../../shared/sync/node/write-durably';
import type { KioskDb } from '../db/migrate';

export type FormVersionRef = { formId: string; version: string };

export type NeededVersions = {
  /** For as long as they stand: each form's latest version, the versions of field records. */
  lasting: readonly FormVersionRef[];
  /** Until they are done: drafts, records the server has not acknowledged, forms on a screen. */
  passing: readonly FormVersionRef[];
};

export type PruneReport = {
  /** Images removed, and their bytes. */
  removed: number;
  bytes: number;
  /** Images kept only for something that ends (a draft, an unsent record, a screen): prune again later. */
  deferred: number;
};

/**
 * A temp file is one being written, or one a crash left: one untouched this long is the latter
 * (every write touches it, and a form image is written in one go).
 */
export const STALE_TEMP_MS = 60 * 60_000;

/** The versions a draft, a record not yet acknowledged or a field record was made with. */
export function versionsInRecords(db: KioskDb, fieldFormIds: readonly string[]) {
  const rows = (sql: string, ...params: string[]): FormVersionRef[] =>
    db
      .prepare<string[], FormVersionRef>(sql)
      .all(...params)
      .map((r) => ({ formId: r.formId, version: r.version }));
  return {
    // Editing a field record opens a draft on its version, at any time.
    fieldRecords: rows(
      `SELECT DISTINCT form_id AS formId, form_version AS version FROM submissions
       WHERE current = 1 AND form_id IN (SELECT value FROM json_each(?))`,
      JSON.stringify(fieldFormIds),
    ),
    drafts: rows('SELECT DISTINCT form_id AS formId, form_version AS version FROM drafts'),
    unsent: rows(
      `SELECT DISTINCT s.form_id AS formId, s.form_version AS version
       FROM outbox o JOIN submissions s ON s.id = o.entity_id
       WHERE o.acked_at IS NULL AND o.entity_kind = 'submission'`,
    ),
  };
}

/**
 * Removes the installed images (form-media/FORM/FILE) no needed version names, and temp files a
 * crash left. Images are kept by form and name, so one that several versions name stays while any
 * of them is needed. `remove` is there for the test of a prune cut off half-way.
 */
export function pruneFormMedia(
  dataDir: string,
  needed: NeededVersions,
  imagesOf: (ref: FormVersionRef) => readonly string[],
  now: Date,
  remove: (file: string) => void = (file) => rmSync(file, { force: true }),
): PruneReport {
  const lasting = namesByForm(needed.lasting, imagesOf);
  const passing = namesByForm(needed.passing, imagesOf);
  const report: PruneReport = { removed: 0, bytes: 0, deferred: 0 };
  const root = formMediaDir(dataDir);
  for (const formId of entries(root)) {
    if (!NameSchema.safeParse(formId).success) continue;
    const dir = join(root, formId);
    for (const name of entries(dir)) {
      const file = join(dir, name);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (stat?.isFile() !== true) continue;
      if (name.startsWith('.') && name.endsWith(TEMP_SUFFIX)) {
        if (now.getTime() - stat.mtimeMs > STALE_TEMP_MS) remove(file);
        continue;
      }
      if (mediaType(name) === undefined || lasting.get(formId)?.has(name) === true) continue;
      if (passing.get(formId)?.has(name) === true) {
        report.deferred++;
        continue;
      }
      remove(file);
      report.removed++;
      report.bytes += stat.size;
    }
  }
  return report;
}

function namesByForm(
  refs: readonly FormVersionRef[],
  imagesOf: (ref: FormVersionRef) => readonly string[],
): Map<string, Set<string>> {
  const byForm = new Map<string, Set<string>>();
  for (const ref of refs) {
    const names = byForm.get(ref.formId) ?? new Set<string>();
    for (const name of imagesOf(ref)) names.add(name);
    byForm.set(ref.formId, names);
  }
  return byForm;
}

/** A directory's entries, none when it is not there (no form has installed an image yet). */
function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    if (e instanceof Error && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return [];
    throw e;
  }
}
