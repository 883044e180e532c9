// Old forms' images. A kiosk keeps every version of a form it ever had (records name the version
// they were made with), but a version's images only while the kiosk may still show that version.
// Only files are removed: no row names a form image, so a prune cut off half-way leaves files
// nothing needs, and the next prune removes them.
import { readdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NameSchema } from '../../../shared/forms/form-definition';
import { formMediaDir, mediaType, VERSION_KEY, versionKey } from '../../../shared/forms/node/form-media';
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
 * Removes the installed images (form-media/FORM/VERSION_KEY/FILE) of versions no longer needed, or
 * that their version does not name, and temp files a crash left. Each version has its own copies,
 * so a file goes with its version alone. Files straight under a form's folder are the old layout's:
 * the start moves them (form-media-layout.ts), and a prune leaves them. `remove` is there for the
 * test of a prune cut off half-way.
 */
export function pruneFormMedia(
  dataDir: string,
  needed: NeededVersions,
  imagesOf: (ref: FormVersionRef) => readonly string[],
  now: Date,
  remove: (file: string) => void = (file) => rmSync(file, { force: true }),
): PruneReport {
  const lasting = namesByVersion(needed.lasting, imagesOf);
  const passing = namesByVersion(needed.passing, imagesOf);
  const report: PruneReport = { removed: 0, bytes: 0, deferred: 0 };
  const root = formMediaDir(dataDir);
  const stale = (mtimeMs: number) => now.getTime() - mtimeMs > STALE_TEMP_MS;
  for (const formId of dirEntries(root)) {
    if (!NameSchema.safeParse(formId).success) continue;
    const formDir = join(root, formId);
    for (const key of dirEntries(formDir)) {
      const dir = join(formDir, key);
      const kind = statSync(dir, { throwIfNoEntry: false });
      if (kind?.isFile() === true && isTemp(key) && stale(kind.mtimeMs)) remove(dir);
      if (kind?.isDirectory() !== true || !VERSION_KEY.test(key)) continue;
      const at = `${formId}/${key}`;
      let left = 0;
      for (const name of dirEntries(dir)) {
        const file = join(dir, name);
        const stat = statSync(file, { throwIfNoEntry: false });
        if (stat?.isFile() !== true) {
          left++;
        } else if (isTemp(name)) {
          if (stale(stat.mtimeMs)) remove(file);
          else left++;
        } else if (mediaType(name) === undefined || lasting.get(at)?.has(name) === true) {
          left++;
        } else if (passing.get(at)?.has(name) === true) {
          report.deferred++;
          left++;
        } else {
          remove(file);
          report.removed++;
          report.bytes += stat.size;
        }
      }
      // A dropped version leaves no empty folder behind.
      if (left === 0) removeEmptyDir(dir);
    }
  }
  return report;
}

/** Temporary files are dot-files ending .tmp (write-durably.ts). */
const isTemp = (name: string): boolean => name.startsWith('.') && name.endsWith(TEMP_SUFFIX);

function removeEmptyDir(dir: string): void {
  try {
    rmdirSync(dir);
  } catch (e) {
    // Something was written into it meanwhile: it stays, for the next prune to judge.
    if (e instanceof Error && 'code' in e && (e.code === 'ENOTEMPTY' || e.code === 'EEXIST')) return;
    throw e;
  }
}

/** The names each needed version's images have, by FORM/VERSION_KEY. */
function namesByVersion(
  refs: readonly FormVersionRef[],
  imagesOf: (ref: FormVersionRef) => readonly string[],
): Map<string, Set<string>> {
  const byVersion = new Map<string, Set<string>>();
  for (const ref of refs) {
    const at = `${ref.formId}/${versionKey(ref.version)}`;
    const names = byVersion.get(at) ?? new Set<string>();
    for (const name of imagesOf(ref)) names.add(name);
    byVersion.set(at, names);
  }
  return byVersion;
}

/** A directory's entries, none when it is not there (no form has installed an image yet). */
export function dirEntries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    if (e instanceof Error && 'code' in e && (e.code === 'ENOENT' || e.code === 'ENOTDIR')) return [];
    throw e;
  }
}
