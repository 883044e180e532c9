// The shape of an export: one form across all its versions, as a main table (one row per record)
// and one table per repeat (one row per instance). Questions keep the order of the oldest version
// they appear in; questions that later versions add are appended. Labels, choices and conditions
// come from the newest version that has the question.
import { isMediaQuestion } from '../../shared/forms/media-questions';
import type { Kysely } from 'kysely';
import { compileForm, type CompiledForm } from '../../shared/forms/engine';
import {
  FormDefinitionSchema,
  type Choice,
  type FormDefinition,
  type FormNode,
  type Language,
  type Localized,
  type Question,
  type QuestionType,
} from '../../shared/forms/form-definition';
import type { Database } from '../db/schema';
import { derivedPersonal } from './derived-personal';
import { SyncError } from '../sync-error';

export type ExportQuestion = {
  name: string;
  type: QuestionType;
  label: Localized;
  /** Choice list of a select question: first-seen order, later versions' new choices appended. */
  choices: readonly Choice[] | undefined;
  required: boolean;
  /** Every condition that must hold for the question to be asked: enclosing groups' first. */
  relevant: readonly string[];
  constraint: string | undefined;
  calculation: string | undefined;
  /** Personal data: marked pii in some version, or derived from such a question (derivedFrom). */
  pii: boolean;
  /** The pii question this one's value is computed from in some version, when it is not marked itself. */
  derivedFrom: string | undefined;
  /** The table the answer is in: the form id, or the innermost repeat's name. */
  table: string;
  /** Form versions that have this question. */
  versions: string[];
  /** Choice name → the versions whose list offered it (a choice added later is not in older ones). */
  choiceVersions: ReadonlyMap<string, readonly string[]>;
  /** The choices are an ordered scale (see isOrderedScale): ordinal in SPSS, an ordered factor in R. */
  ordered: boolean;
};

export type ExportTable = {
  name: string;
  /** Enclosing repeat names, outermost first; empty for the main table. */
  repeatPath: readonly string[];
  label: Localized;
  questions: ExportQuestion[];
};

export type FormVersion = { version: string; form: CompiledForm };

export type ExportLayout = {
  formId: string;
  title: Localized;
  kind: FormDefinition['kind'];
  defaultLanguage: Language;
  /** Oldest first (by the time each was attached). */
  versions: FormVersion[];
  byVersion: ReadonlyMap<string, CompiledForm>;
  /** The main table first, then repeats in form order. */
  tables: ExportTable[];
  /** Personal-data questions (and photos) were left out. */
  anonymised: boolean;
};

/** Reads and merges the form's versions (those of the event, or the one version, when filtered). */
export async function loadExportLayout(
  db: Kysely<Database>,
  formId: string,
  filters: { eventId?: string | undefined; version?: string | undefined },
  anonymised: boolean,
): Promise<ExportLayout> {
  let query = db
    .selectFrom('forms')
    .select(['version', 'definition'])
    .where('form_id', '=', formId)
    .orderBy('created_at')
    .orderBy('version');
  if (filters.eventId !== undefined) query = query.where('event_id', '=', filters.eventId);
  if (filters.version !== undefined) query = query.where('version', '=', filters.version);
  const rows = await query.execute();
  if (rows.length === 0) {
    const where = [
      filters.eventId && `attached to event ${filters.eventId}`,
      filters.version && `in version ${filters.version}`,
    ].filter(Boolean);
    throw new SyncError('not_found', `no form ${formId}${where.length ? ` ${where.join(' ')}` : ''}`);
  }
  return mergeStoredVersions(rows, anonymised);
}

/** Stored versions, oldest first, parsed and merged; a version attached to two events counts once. */
export function mergeStoredVersions(
  rows: readonly { version: string; definition: string }[],
  anonymised: boolean,
): ExportLayout {
  const definitions = new Map<string, FormDefinition>();
  for (const row of rows) {
    if (!definitions.has(row.version))
      definitions.set(row.version, FormDefinitionSchema.parse(JSON.parse(row.definition)));
  }
  return mergeVersions([...definitions.values()], anonymised);
}

/** Merges versions given oldest first. */
export function mergeVersions(definitions: readonly FormDefinition[], anonymised: boolean): ExportLayout {
  const newest = definitions.at(-1);
  if (newest === undefined) throw new Error('no form versions to merge');
  const questions = new Map<string, ExportQuestion>();
  const tables = new Map<string, Omit<ExportTable, 'questions'>>([
    [newest.formId, { name: newest.formId, repeatPath: [], label: newest.title }],
  ]);
  for (const definition of definitions) {
    const walk = (nodes: readonly FormNode[], repeatPath: readonly string[], conditions: string[]): void => {
      for (const node of nodes) {
        const relevant = node.relevant?.trim() ? [...conditions, node.relevant.trim()] : conditions;
        if (node.kind !== 'question') {
          const path = node.kind === 'repeat' ? [...repeatPath, node.name] : repeatPath;
          if (node.kind === 'repeat')
            tables.set(node.name, { name: node.name, repeatPath: path, label: node.label });
          walk(node.children, path, relevant);
        } else if (node.type !== 'note') {
          const earlier = questions.get(node.name);
          const list = node.listName === undefined ? undefined : definition.choices[node.listName];
          questions.set(node.name, {
            name: node.name,
            type: node.type,
            // A calculation usually has no label: its name stands in (headers, SPSS, R, report).
            label: Object.values(node.label).some((text) => text?.trim())
              ? node.label
              : { es: node.name, en: node.name },
            choices: list === undefined ? undefined : mergeChoices(earlier?.choices, list),
            required: node.required,
            relevant,
            constraint: node.constraint,
            calculation: node.calculation,
            // Personal in any version is personal in all: older records were collected as such.
            pii: node.pii || earlier?.pii === true,
            derivedFrom: undefined,
            table: repeatPath.at(-1) ?? newest.formId,
            versions: [...(earlier?.versions ?? []), definition.version],
            choiceVersions: offeredIn(earlier?.choiceVersions, list, definition.version),
            ordered: isOrderedScale(node),
          });
        }
      }
    };
    walk(definition.children, [], []);
  }
  const versions = definitions.map((d) => ({ version: d.version, form: compileForm(d) }));
  // A copy of a photo's file name is as telling as the photo: media seed the search like pii.
  const marked = new Set(
    [...questions.values()].filter((q) => q.pii || isMediaQuestion(q)).map((q) => q.name),
  );
  const forms = versions.map((v) => v.form);
  for (const [name, origin] of derivedPersonal(forms, marked)) {
    const question = questions.get(name);
    if (question !== undefined) questions.set(name, { ...question, pii: true, derivedFrom: origin });
  }
  // Photos, voices and videos can show who someone is (and a file may name them): an anonymised
  // export leaves them out like personal data.
  const kept = [...questions.values()].filter((q) => !(anonymised && (q.pii || isMediaQuestion(q))));
  return {
    formId: newest.formId,
    title: newest.title,
    kind: newest.kind,
    defaultLanguage: newest.defaultLanguage,
    versions,
    byVersion: new Map(versions.map((v) => [v.version, v.form])),
    tables: [...tables.values()].map((t) => ({ ...t, questions: kept.filter((q) => q.table === t.name) })),
    anonymised,
  };
}

/**
 * A select_one whose choices are in order (a satisfaction scale, age bands, schooling): the form
 * says so with the `likert` appearance or with `ordered=true` in the parameters column.
 */
function isOrderedScale(question: Question): boolean {
  if (question.type !== 'select_one') return false;
  const appearances = (question.appearance ?? '').toLowerCase().split(/\s+/);
  return appearances.includes('likert') || question.parameters?.ordered?.toLowerCase() === 'true';
}

function mergeChoices(earlier: readonly Choice[] | undefined, newer: readonly Choice[]): Choice[] {
  if (earlier === undefined) return [...newer];
  const byName = new Map(newer.map((c) => [c.name, c]));
  const merged = earlier.map((c) => byName.get(c.name) ?? c);
  const known = new Set(earlier.map((c) => c.name));
  return [...merged, ...newer.filter((c) => !known.has(c.name))];
}

function offeredIn(
  earlier: ReadonlyMap<string, readonly string[]> | undefined,
  list: readonly Choice[] | undefined,
  version: string,
): Map<string, readonly string[]> {
  const merged = new Map(earlier);
  for (const choice of list ?? []) merged.set(choice.name, [...(merged.get(choice.name) ?? []), version]);
  return merged;
}

const INTEGER_CODE = /^-?\d{1,9}$/;

/**
 * A select_one whose codes are all whole numbers (a 1–5 scale): its codes are numbers in every
 * format (CSV, XLSX, SPSS), so the question has one type everywhere.
 */
export function hasIntegerCodes(question: ExportQuestion): boolean {
  const choices = question.choices ?? [];
  return (
    question.type === 'select_one' && choices.length > 0 && choices.every((c) => INTEGER_CODE.test(c.name))
  );
}

/** Whether every version that has the question offered the choice. */
export function offeredByAll(question: ExportQuestion, choice: string): boolean {
  return (question.choiceVersions.get(choice)?.length ?? 0) === question.versions.length;
}

/** Text in the language asked for, else the form's default, else any, else the fallback. */
export function localized(text: Localized | undefined, language: Language, fallback: string): string {
  if (text === undefined) return fallback;
  return text[language] ?? text.es ?? text.en ?? fallback;
}

export function mainTable(layout: ExportLayout): ExportTable {
  return layout.tables[0] as ExportTable;
}

export function findTable(layout: ExportLayout, name: string): ExportTable {
  const table = layout.tables.find((t) => t.name === name);
  if (table === undefined) {
    throw new SyncError(
      'invalid_input',
      `table: form ${layout.formId} has no table ${name} (it has ${layout.tables.map((t) => t.name).join(', ')})`,
      { field: 'table' },
    );
  }
  return table;
}
