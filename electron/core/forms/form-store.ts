// Installed forms: imported from XLSForm files into the database (a kiosk must keep running the
// exact definition its answers were captured with), read back and compiled once per version.
import { isDeepStrictEqual } from 'node:util';
import { compileForm, type CompiledForm } from '../../../shared/forms/engine';
import {
  FormDefinitionSchema,
  type FormDefinition,
  type FormKind,
  type Localized,
} from '../../../shared/forms/form-definition';
import type { KioskDb } from '../db/migrate';
import { loadForms } from './form-files';

export type ImportedForm = {
  formId: string;
  version: string;
  kind: FormKind;
  status: 'imported' | 'unchanged';
};
export type InstalledForm = { formId: string; version: string; title: Localized; kind: FormKind };
export type LoadedVersion = { definition: FormDefinition; compiled: CompiledForm };

export class FormVersionConflictError extends Error {
  override readonly name = 'FormVersionConflictError';
  constructor(
    readonly formId: string,
    readonly version: string,
  ) {
    super(
      `Form ${formId} version ${version} is already installed with a different definition; ` +
        'answers already saved refer to the installed one. Give the changed form a new version in its settings sheet.',
    );
  }
}

/** Installs definitions in one transaction: all of them or, if any conflicts, none. */
export function importForms(db: KioskDb, definitions: readonly FormDefinition[], now: Date): ImportedForm[] {
  const find = db.prepare<[string, string], { definition: string }>(
    'SELECT definition FROM forms WHERE form_id = ? AND version = ?',
  );
  const insert = db.prepare(
    'INSERT INTO forms (form_id, version, kind, definition, imported_at) VALUES (?, ?, ?, ?, ?)',
  );
  return db.transaction(() =>
    definitions.map((def): ImportedForm => {
      const json = JSON.stringify(def);
      const summary = { formId: def.formId, version: def.version, kind: def.kind };
      const existing = find.get(def.formId, def.version);
      if (existing === undefined) {
        insert.run(def.formId, def.version, def.kind, json, now.toISOString());
        return { ...summary, status: 'imported' };
      }
      // Compared as parsed JSON so key order and dropped `undefined`s do not count as changes.
      if (!isDeepStrictEqual(JSON.parse(existing.definition), JSON.parse(json)))
        throw new FormVersionConflictError(def.formId, def.version);
      return { ...summary, status: 'unchanged' };
    }),
  )();
}

/** Imports every XLSForm CSV trio in `dir` (see loadForms for what is refused). */
export function importFormsFromDir(db: KioskDb, dir: string, now: Date = new Date()): ImportedForm[] {
  return importForms(
    db,
    loadForms(dir).map((f) => f.definition),
    now,
  );
}

export type FormStore = {
  /** One installed version, compiled; undefined when it is not installed. */
  get(formId: string, version: string): LoadedVersion | undefined;
  /** The most recently imported version of a form. */
  latest(formId: string): LoadedVersion | undefined;
  /** The latest version of every installed form, by form id. */
  listInstalled(): InstalledForm[];
};

export function createFormStore(db: KioskDb): FormStore {
  const cache = new Map<string, LoadedVersion>();
  const byVersion = db.prepare<[string, string], { definition: string }>(
    'SELECT definition FROM forms WHERE form_id = ? AND version = ?',
  );
  const latestVersion = db.prepare<[string], { version: string }>(
    'SELECT version FROM forms WHERE form_id = ? ORDER BY imported_at DESC, rowid DESC LIMIT 1',
  );
  const latestOfEach = db.prepare<[], { form_id: string }>(
    'SELECT DISTINCT form_id FROM forms ORDER BY form_id',
  );

  const get = (formId: string, version: string): LoadedVersion | undefined => {
    const key = `${formId}\u0000${version}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const row = byVersion.get(formId, version);
    if (row === undefined) return undefined;
    const definition = FormDefinitionSchema.parse(JSON.parse(row.definition));
    const loaded = { definition, compiled: compileForm(definition) };
    cache.set(key, loaded);
    return loaded;
  };
  const latest = (formId: string): LoadedVersion | undefined => {
    const row = latestVersion.get(formId);
    return row === undefined ? undefined : get(formId, row.version);
  };
  const listInstalled = (): InstalledForm[] =>
    latestOfEach.all().flatMap(({ form_id }) => {
      const def = latest(form_id)?.definition;
      return def ? [{ formId: def.formId, version: def.version, title: def.title, kind: def.kind }] : [];
    });

  return { get, latest, listInstalled };
}
