// What an export asks for, read from the same flat key=value options on the CLI (--key value) and
// over HTTP (?key=value), so both spell every option the same way.
import { z } from 'zod';
import { LanguageSchema, NameSchema, type Language } from '../../shared/forms/form-definition';
import { DeviceIdSchema, EventIdSchema } from '../../shared/sync/protocol';
import { SyncError } from '../sync-error';

export const ExportFormatSchema = z.enum(['csv', 'xlsx', 'jsonl', 'zip', 'report']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const MultiModeSchema = z.enum(['summary', 'columns', 'both']);
export type MultiMode = z.infer<typeof MultiModeSchema>;

/** A fixed offset from UTC like -06:00 (Hidalgo) or Z. */
const OFFSET = /^(?:Z|([+-])(\d{2}):(\d{2}))$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const IsoTime = z.iso.datetime({ offset: true });
const TimeBoundSchema = z
  .string()
  .refine(
    (text) => (DATE_ONLY.test(text) && !Number.isNaN(Date.parse(text))) || IsoTime.safeParse(text).success,
    'a date YYYY-MM-DD or an ISO 8601 time with offset',
  );

export const RevisionsSchema = z.enum(['current', 'all']);

const booleanText = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** The options as text: a CLI's flags or an HTTP query string. */
export const ExportQuerySchema = z.strictObject({
  format: ExportFormatSchema.default('csv'),
  event: EventIdSchema.optional(),
  kiosk: DeviceIdSchema.optional(),
  version: z.string().min(1).max(32).optional(),
  from: TimeBoundSchema.optional(),
  to: TimeBoundSchema.optional(),
  /** Headers as labels in this language (names when absent); also the language of value labels. */
  labels: LanguageSchema.optional(),
  values: z.enum(['codes', 'labels']).default('codes'),
  multi: MultiModeSchema.default('both'),
  anonymised: booleanText.optional(),
  /** CSV: which table (the form's id for the main one, or a repeat's name). */
  table: NameSchema.optional(),
  'utc-offset': z.string().regex(OFFSET, 'an offset like -06:00, +01:00 or Z').optional(),
  /** Field records: only each record's current revision(s) (default), or every revision. */
  revisions: RevisionsSchema.default('current'),
  /** Only records whose publication consent is "si", and only their photos. */
  'published-only': booleanText.optional(),
  /** Only complete records (not those kept incomplete at the idle timeout); CLI --complete-only. */
  complete: booleanText.optional(),
});
export type ExportQuery = z.input<typeof ExportQuerySchema>;

export type ExportFilters = {
  eventId?: string | undefined;
  deviceId?: string | undefined;
  version?: string | undefined;
  /** Inclusive bounds on the record's created time, in epoch milliseconds. */
  fromMs?: number | undefined;
  toMs?: number | undefined;
  /** Every revision, or only current ones (the default; all of a visitor form's rows are current). */
  revisions?: z.infer<typeof RevisionsSchema> | undefined;
  /** Only records that answer "si" to this question (the form's publication consent). */
  publishedBy?: string | undefined;
  /** Only complete records. */
  completeOnly?: boolean | undefined;
};

export type ExportOptions = {
  formId: string;
  format: ExportFormat;
  filters: ExportFilters;
  headers: 'names' | 'labels';
  values: 'codes' | 'labels';
  /** The language of labels; the form's default language when undefined. */
  language: Language | undefined;
  multi: MultiMode;
  anonymised: boolean;
  table: string | undefined;
  /** Only published records (see publicationConsent in export-layout): resolved into filters.publishedBy. */
  publishedOnly: boolean;
  /** Times are written at this offset (minutes east of UTC); as the kiosk stored them when undefined. */
  utcOffsetMinutes: number | undefined;
};

/** Options from their parsed text; `anonymised` has been decided by the caller (CLI flag or role). */
export function exportOptions(
  formId: string,
  query: z.output<typeof ExportQuerySchema>,
  anonymised: boolean,
): ExportOptions {
  const offset = query['utc-offset'] === undefined ? undefined : parseOffset(query['utc-offset']);
  const fromMs = query.from === undefined ? undefined : boundMs(query.from, offset ?? 0, 'start');
  const toMs = query.to === undefined ? undefined : boundMs(query.to, offset ?? 0, 'end');
  // An empty range is a mistake (the two swapped), not a request for an empty file.
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs)
    throw new SyncError('invalid_input', `from: ${query.from} is after to: ${query.to}`, { field: 'from' });
  return {
    formId,
    format: query.format,
    filters: {
      eventId: query.event,
      deviceId: query.kiosk,
      version: query.version,
      fromMs,
      toMs,
      revisions: query.revisions,
      completeOnly: query.complete ?? false,
    },
    headers: query.labels === undefined ? 'names' : 'labels',
    values: query.values,
    language: query.labels,
    multi: query.multi,
    anonymised,
    table: query.table,
    publishedOnly: query['published-only'] ?? false,
    utcOffsetMinutes: offset,
  };
}

export function parseOffset(text: string): number {
  const match = OFFSET.exec(text);
  if (match === null) throw new Error(`not a UTC offset: ${text}`);
  if (match[1] === undefined) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/**
 * A bound in epoch ms. A date alone is a whole day at the given offset: from its first
 * millisecond, or through its last; a time is taken as it is.
 */
export function boundMs(text: string, offsetMinutes: number, side: 'start' | 'end'): number {
  if (!DATE_ONLY.test(text)) return Date.parse(text);
  const dayStart = Date.parse(`${text}T00:00:00Z`) - offsetMinutes * 60_000;
  return side === 'start' ? dayStart : dayStart + 86_400_000 - 1;
}

/** An ISO time rewritten at a fixed offset, e.g. 2026-11-20T10:03:00.000-06:00 (Z for UTC). */
export function atOffset(iso: string, offsetMinutes: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, -1);
  if (offsetMinutes === 0) return `${local}Z`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${sign}${hh}:${mm}`;
}
