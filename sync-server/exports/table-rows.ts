// A table's columns and the cells of each of its rows. Metadata first, then one column per
// question; a select_multiple gives its summary column and/or one 0/1 column per choice, in list
// order, blank when the question was not asked (not relevant, not reached by an incomplete record,
// or not in the record's version) and when the record's version did not offer the choice.
// Field records (heritage forms) add their revision's metadata; a photo gives its relative path
// in the bundle and a 0/1 column saying whether the server lacks it (see media.ts).
import { isMediaQuestion } from '../../shared/forms/media-questions';
import type { Choice, Language, Localized } from '../../shared/forms/form-definition';
import {
  hasIntegerCodes,
  localized,
  type ExportLayout,
  type ExportQuestion,
  type ExportTable,
} from './export-layout';
import { atOffset, type ExportOptions } from './export-options';
import { rowsOfRecord, type TableRow } from './instances';
import type { MediaIndex } from './media';
import type { ExportRecord } from './record-pages';
import { settleRecord } from './record-reach';
import { relevance } from './relevance';
import {
  durationSeconds,
  MAIN_META,
  META_LABELS,
  PERSONAL_META,
  REPEAT_META,
  REVISION_META,
  type MetaField,
} from './meta-fields';

/** A blank cell is null; numbers stay numbers so spreadsheets and scripts read them as such. */
export type Cell = string | number | null;

export type Column =
  | { kind: 'meta'; name: string; label: Localized; field: MetaField }
  /** A question's answer; for select_multiple, the summary (chosen codes separated by spaces). */
  | { kind: 'answer'; name: string; label: Localized; question: ExportQuestion }
  | { kind: 'choice'; name: string; label: Localized; question: ExportQuestion; choice: Choice }
  /** A photo: 1 when the server does not have it (yet), 0 when it does, blank when unanswered. */
  | { kind: 'missing'; name: string; label: Localized; question: ExportQuestion };

export type RowOptions = Pick<ExportOptions, 'values' | 'multi' | 'utcOffsetMinutes'> & {
  language: Language;
};

/** Labels of a select_multiple summary are joined with this (labels may hold spaces and commas). */
export const LABEL_SEPARATOR = '; ';

export function tableColumns(
  layout: ExportLayout,
  table: ExportTable,
  multi: ExportOptions['multi'],
): Column[] {
  const meta =
    table.repeatPath.length > 0
      ? REPEAT_META
      : [
          ...MAIN_META,
          ...(layout.anonymised ? [] : PERSONAL_META),
          ...(layout.kind === 'heritage' ? REVISION_META : []),
        ];
  const columns: Column[] = meta.map((field) => ({
    kind: 'meta',
    name: field,
    label: META_LABELS[field],
    field,
  }));
  for (const question of table.questions) {
    const isMulti = question.type === 'select_multiple';
    if (!isMulti || multi !== 'columns')
      columns.push({ kind: 'answer', name: question.name, label: question.label, question });
    if (isMediaQuestion(question))
      columns.push({
        kind: 'missing',
        name: `${question.name}.missing`,
        label: missingLabel(question.label),
        question,
      });
    if (isMulti && multi !== 'summary') {
      for (const choice of question.choices ?? []) {
        columns.push({
          kind: 'choice',
          name: `${question.name}.${choice.name}`,
          label: choiceColumnLabel(question.label, choice.label),
          question,
          choice,
        });
      }
    }
  }
  return uniqueNames(columns);
}

function choiceColumnLabel(question: Localized, choice: Localized): Localized {
  const label: Localized = {};
  for (const language of ['es', 'en'] as const) {
    const q = question[language] ?? question.es;
    const c = choice[language] ?? choice.es;
    if (q !== undefined || c !== undefined) label[language] = `${q ?? ''}: ${c ?? ''}`;
  }
  return label;
}

function missingLabel(question: Localized): Localized {
  return {
    es: `${question.es ?? ''}: falta en el servidor (1)`,
    en: `${question.en ?? question.es ?? ''}: missing on the server (1)`,
  };
}

/** A question named like a metadata column (or two generated names alike) gets a _2, _3… suffix. */
function uniqueNames(columns: Column[]): Column[] {
  const seen = new Set<string>();
  return columns.map((column) => {
    let name = column.name;
    for (let n = 2; seen.has(name); n++) name = `${column.name}_${n}`;
    seen.add(name);
    return name === column.name ? column : { ...column, name };
  });
}

/**
 * The header row: names, or labels in the language — a label two columns share (two questions
 * both labelled "Especifique") gets the column's name after it, so every header is unique.
 */
export function columnHeaders(
  columns: readonly Column[],
  headers: ExportOptions['headers'],
  language: Language,
): string[] {
  if (headers === 'names') return columns.map((c) => c.name);
  const labels = columns.map((c) => localized(c.label, language, c.name));
  const seen = new Map<string, number>();
  for (const label of labels) seen.set(label, (seen.get(label) ?? 0) + 1);
  return labels.map((label, i) =>
    (seen.get(label) ?? 0) > 1 ? `${label} (${columns[i]?.name ?? ''})` : label,
  );
}

/** How each column's cell is found, worked out once per table. */
type Slot =
  | { kind: 'meta'; field: MetaField }
  | {
      kind: 'answer';
      question: ExportQuestion;
      labels: ReadonlyMap<string, string> | undefined;
      /** Codes written as numbers (hasIntegerCodes). */
      numeric: boolean;
    }
  | { kind: 'photo'; question: ExportQuestion }
  | { kind: 'missing'; question: ExportQuestion }
  /** `offeredIn`: the versions whose list had the choice; blank for records of other versions. */
  | { kind: 'choice'; question: ExportQuestion; choice: string; offeredIn: ReadonlySet<string> };

/**
 * Builds the rows of one table; `rowsOf` calls `emit` once per row of a record, with a cells
 * array that is reused for the next row (writers use it at once), and beside it each cell's link
 * target: a photo's relative path, or null.
 */
export class TableRows {
  readonly columns: Column[];
  private readonly slots: Slot[];
  private readonly cells: Cell[];
  private readonly links: (string | null)[];

  constructor(
    readonly layout: ExportLayout,
    readonly table: ExportTable,
    private readonly options: RowOptions,
    private readonly devices: ReadonlyMap<string, string>,
    private readonly media: MediaIndex,
  ) {
    this.columns = tableColumns(layout, table, options.multi);
    this.cells = this.columns.map(() => null);
    this.links = this.columns.map(() => null);
    const labels = new Map<ExportQuestion, Map<string, string>>();
    if (options.values === 'labels') {
      for (const q of table.questions) {
        if (q.choices === undefined) continue;
        labels.set(q, new Map(q.choices.map((c) => [c.name, localized(c.label, options.language, c.name)])));
      }
    }
    this.slots = this.columns.map((column): Slot => {
      switch (column.kind) {
        case 'meta':
          return { kind: 'meta', field: column.field };
        case 'answer':
          if (isMediaQuestion(column.question)) return { kind: 'photo', question: column.question };
          return {
            kind: 'answer',
            question: column.question,
            labels: labels.get(column.question),
            numeric: options.values === 'codes' && hasIntegerCodes(column.question),
          };
        case 'missing':
          return { kind: 'missing', question: column.question };
        case 'choice':
          return {
            kind: 'choice',
            question: column.question,
            choice: column.choice.name,
            offeredIn: new Set(column.question.choiceVersions.get(column.choice.name)),
          };
      }
    });
  }

  rowsOf(
    record: ExportRecord,
    emit: (cells: readonly Cell[], links: readonly (string | null)[]) => void,
  ): void {
    const form = this.layout.byVersion.get(record.formVersion);
    settleRecord(form, record);
    rowsOfRecord(form, this.table, record, (row) => emit(this.fill(record, row), this.links));
  }

  private fill(record: ExportRecord, row: TableRow): Cell[] {
    const { cells, slots, links } = this;
    const { answers } = row.scope;
    // A select_multiple's choice columns follow one another: its answer is looked at once, and
    // whether it was asked (when unanswered) decided once.
    let multi:
      { question: ExportQuestion; list: string[] | undefined; asked: 0 | null | undefined } | undefined;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      if (slot.kind === 'meta') {
        cells[i] = this.meta(slot.field, record, row);
        continue;
      }
      const name = slot.question.name;
      if (slot.kind === 'choice' && multi?.question === slot.question) {
        cells[i] = this.choiceCell(slot, record, row, multi);
        continue;
      }
      // A plain read (the hot path): a name that is also Object.prototype's ("constructor")
      // finds a function when unanswered, which is no answer value and becomes a blank below.
      const raw: unknown = answers[name];
      if (slot.kind === 'answer') {
        const code = slot.numeric && typeof raw === 'string' ? Number(raw) : NaN;
        cells[i] = Number.isInteger(code) ? code : answerCell(raw, slot.labels);
      } else if (slot.kind === 'photo' || slot.kind === 'missing') {
        const photo = typeof raw === 'string' ? this.media.photo(raw) : undefined;
        if (slot.kind === 'photo') {
          cells[i] = photo === undefined ? null : (photo.path ?? photo.name);
          links[i] = photo?.path ?? null;
        } else cells[i] = photo === undefined ? null : photo.path === null ? 1 : 0;
      } else {
        multi = { question: slot.question, list: isTextList(raw) ? raw : undefined, asked: undefined };
        cells[i] = this.choiceCell(slot, record, row, multi);
      }
    }
    return cells;
  }

  private choiceCell(
    slot: Extract<Slot, { kind: 'choice' }>,
    record: ExportRecord,
    row: TableRow,
    multi: { list: string[] | undefined; asked: 0 | null | undefined },
  ): Cell {
    // The record's version did not offer this choice: not "not chosen", unknown.
    if (!slot.offeredIn.has(record.formVersion)) return null;
    if (multi.list !== undefined) return multi.list.includes(slot.choice) ? 1 : 0;
    // Unanswered: 0 for every choice when the question was asked (relevant and reached), blank
    // when it was not.
    if (multi.asked === undefined) {
      const form = this.layout.byVersion.get(record.formVersion);
      const today = record.createdAt.slice(0, 10);
      const verdict = relevance(form, slot.question.name, row.scope, today, record.reached ?? Infinity);
      multi.asked = verdict === 'relevant' ? 0 : null;
    }
    return multi.asked;
  }

  private meta(field: MetaField, record: ExportRecord, row: TableRow): Cell {
    const offset = this.options.utcOffsetMinutes;
    switch (field) {
      case 'submission_id':
        return record.id;
      case 'event_id':
        return record.eventId;
      case 'device_id':
        return record.deviceId;
      case 'device_name':
        return this.devices.get(record.deviceId) ?? null;
      case 'form_version':
        return record.formVersion;
      case 'created_at':
        return offset === undefined ? record.createdAt : atOffset(record.createdAt, offset);
      case 'received_at':
        return offset === undefined ? record.receivedAt : atOffset(record.receivedAt, offset);
      case 'language':
        return record.language;
      case 'complete':
        return record.complete ? 1 : 0;
      case 'duration_seconds':
        return durationSeconds(record);
      case 'privacy_notice_version':
        return record.privacyNoticeVersion;
      case 'pass_id':
        return record.passId;
      case 'record_id':
        return record.recordId;
      case 'revision':
        return record.revision;
      case 'parents':
        return record.parents.join(' ');
      case 'edited_by':
        return record.editedBy ?? null;
      case 'current':
        return record.current ? 1 : 0;
      case 'conflict':
        return record.conflict ? 1 : 0;
      case 'parent_key':
        return row.parentKey;
      case 'key':
        return row.key;
      case 'instance':
        return row.instance;
    }
  }
}

function answerCell(raw: unknown, labels: ReadonlyMap<string, string> | undefined): Cell {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string') return labels?.get(raw) ?? raw;
  if (isTextList(raw)) {
    return labels === undefined ? raw.join(' ') : raw.map((c) => labels.get(c) ?? c).join(LABEL_SEPARATOR);
  }
  return null;
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
