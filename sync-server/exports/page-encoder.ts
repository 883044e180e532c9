// Turns a page of stored rows into the text of a line-based export (CSV rows or JSON Lines).
// Everything it needs is plain data (EncoderSpec), so a worker thread can build the same encoder
// and share the work: parsing and encoding are most of an export's time. (A worker can also
// gather the summary report's statistics: the `stats` job.)
import { isMediaQuestion } from '../../shared/forms/media-questions';
import { isInstanceList, ownAnswer } from '../../shared/forms/answer-values';
import type { Answers, FormDefinition, Language } from '../../shared/forms/form-definition';
import { roundedNumber } from './cell-text';
import { CsvBytes } from './csv-bytes';
import { mergeVersions, type ExportLayout, type ExportTable } from './export-layout';
import { atOffset, type ExportFilters } from './export-options';
import { MediaIndex } from './media';
import { toRecord, type ExportRecord, type StoredRow } from './record-pages';
import { settleRecord } from './record-reach';
import { durationSeconds } from './meta-fields';
import { TableRows, type Cell, type RowOptions } from './table-rows';

export type EncoderSpec = {
  job: 'csv' | 'jsonl' | 'stats';
  /** The form's versions, oldest first, and whether pii questions are left out. */
  definitions: FormDefinition[];
  anonymised: boolean;
  /** The table a CSV is of. */
  table: string;
  rowOptions: RowOptions;
  filters: ExportFilters;
  devices: [string, string][];
  /** The photos the server holds in full (see media.ts). */
  photos: string[];
};

/**
 * A page's UTF-8 bytes (in a buffer of their own, which a worker can hand over) and counts;
 * `spare`: the buffer of a page encoded before, once written, for another page to use.
 */
export type PageEncoder = (
  rows: readonly StoredRow[],
  spare?: ArrayBuffer,
) => { bytes: Buffer; records: number; rows: number };

export function createPageEncoder(
  spec: EncoderSpec,
  layout = mergeVersions(spec.definitions, spec.anonymised),
): PageEncoder {
  const devices = new Map(spec.devices);
  const media = new MediaIndex(spec.photos);
  const encode =
    spec.job === 'csv'
      ? csvEncoder(layout, spec, devices, media)
      : jsonEncoder(layout, spec.rowOptions, devices, media);
  return (stored, spare) => {
    if (spare !== undefined) encode.reuse(spare);
    let records = 0;
    let rows = 0;
    for (const row of stored) {
      const record = toRecord(row, spec.filters);
      if (record === undefined) continue;
      records++;
      rows += encode.add(record);
    }
    return { bytes: encode.take(), records, rows };
  };
}

/** Adds each record's lines (answering how many), then hands over the page's bytes. */
type RecordEncoder = { add(record: ExportRecord): number; take(): Buffer; reuse(spare: ArrayBuffer): void };

function csvEncoder(
  layout: ExportLayout,
  spec: EncoderSpec,
  devices: ReadonlyMap<string, string>,
  media: MediaIndex,
): RecordEncoder {
  const table = layout.tables.find((t) => t.name === spec.table);
  if (table === undefined) throw new Error(`no table ${spec.table}`);
  const rows = new TableRows(layout, table, spec.rowOptions, devices, media);
  const out = new CsvBytes();
  let added = 0;
  const line = (cells: readonly Cell[]) => {
    out.line(cells);
    added++;
  };
  return {
    add: (record) => {
      added = 0;
      rows.rowsOf(record, line);
      return added;
    },
    take: () => out.take(),
    reuse: (spare) => out.reuse(spare),
  };
}

function jsonEncoder(
  layout: ExportLayout,
  options: RowOptions,
  devices: ReadonlyMap<string, string>,
  media: MediaIndex,
): RecordEncoder {
  const json = new JsonAnswers(layout, options.values === 'labels' ? options.language : undefined, media);
  const main = layout.tables[0] as ExportTable;
  const offset = options.utcOffsetMinutes;
  const time = (iso: string) => (offset === undefined ? iso : atOffset(iso, offset));
  const revisionOf = (r: ExportRecord) =>
    layout.kind !== 'heritage'
      ? {}
      : {
          record_id: r.recordId,
          revision: r.revision,
          parents: r.parents,
          edited_by: r.editedBy ?? null,
          current: r.current,
          conflict: r.conflict,
        };
  const utf8 = new TextEncoder();
  let text = '';
  const add = (r: ExportRecord): number => {
    // Unfed calculations are left out, as in every other format (record-reach.ts).
    settleRecord(layout.byVersion.get(r.formVersion), r);
    text += `${JSON.stringify({
      submission_id: r.id,
      event_id: r.eventId,
      device_id: r.deviceId,
      device_name: devices.get(r.deviceId) ?? null,
      form_version: r.formVersion,
      created_at: time(r.createdAt),
      received_at: time(r.receivedAt),
      language: r.language,
      complete: r.complete,
      duration_seconds: durationSeconds(r),
      privacy_notice_version: r.privacyNoticeVersion,
      ...(layout.anonymised ? {} : { pass_id: r.passId }),
      ...revisionOf(r),
      answers: json.of(main, r.answers),
    })}\n`;
    return 1;
  };
  return {
    add,
    take: () => {
      const bytes = utf8.encode(text);
      text = '';
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    },
    // JSON Lines are rarely asked for at a million records: each page's bytes are new.
    reuse: () => undefined,
  };
}

/**
 * JSON Lines answers: nested as stored (repeats as arrays), only the export's questions; a photo
 * as { name, sha256, path, missing } (path: where the ZIP bundle has it, null when missing).
 */
class JsonAnswers {
  private readonly labels = new Map<string, Map<string, string>>();

  constructor(
    private readonly layout: ExportLayout,
    language: Language | undefined,
    private readonly media: MediaIndex,
  ) {
    if (language === undefined) return;
    for (const table of layout.tables) {
      for (const q of table.questions) {
        if (q.choices === undefined) continue;
        this.labels.set(
          q.name,
          new Map(q.choices.map((c) => [c.name, c.label[language] ?? c.label.es ?? c.name])),
        );
      }
    }
  }

  of(table: ExportTable, answers: Answers): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const q of table.questions) {
      const value = ownAnswer(answers, q.name);
      if (value === undefined) continue;
      const labels = this.labels.get(q.name);
      if (isMediaQuestion(q) && typeof value === 'string') {
        const photo = this.media.photo(value);
        result[q.name] = { ...photo, missing: photo.path === null };
      } else if (typeof value === 'number') result[q.name] = roundedNumber(value);
      else if (labels === undefined) result[q.name] = value;
      else if (typeof value === 'string') result[q.name] = labels.get(value) ?? value;
      else if (Array.isArray(value))
        result[q.name] = value.map((c) => (typeof c === 'string' ? (labels.get(c) ?? c) : c));
      else result[q.name] = value;
    }
    for (const child of this.layout.tables) {
      const isChild =
        child.repeatPath.length === table.repeatPath.length + 1 &&
        child.repeatPath.at(-2) === table.repeatPath.at(-1);
      if (!isChild) continue;
      const instances = ownAnswer(answers, child.name);
      if (isInstanceList(instances))
        result[child.name] = instances.map((instance) => this.of(child, instance));
    }
    return result;
  }
}
