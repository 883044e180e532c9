// The records of one form, read page by page in id order (keyset pagination: each page starts
// after the last id of the one before), so an export holds a page or two, however many records
// there are. Two ways through them: `recordPages` asks for each page after the last row of the
// one before, the next while the caller works on the current one; `pageRanges` finds the pages'
// bounds first — cheaply: the database steps over a page's ids in an index alone and sends only
// the last — so that worker threads can each read the pages they are given (page-reader.ts), all
// at once, rather than one thread reading every row and copying it to them.
//
// Only the id, the received time, the payload and whether the revision is current are read (and,
// for field records, whether another current revision makes it a conflict): the rest is in the
// payload. Unless every revision is asked for, only current revisions are read.
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Answers } from '../../shared/forms/form-definition';
import type { Database, DatabaseKind } from '../db/schema';
import type { ServerDb } from '../db/server-database';
import type { ExportFilters } from './export-options';
import { serverPageReader, type PageQuery, type PageReader } from './page-reader';
import { PUBLISHED } from './publication';

export type ExportRecord = {
  id: string;
  eventId: string;
  deviceId: string;
  formVersion: string;
  complete: boolean;
  createdAt: string;
  /** The kiosk's clock when the visitor started. */
  startedAt: string;
  receivedAt: string;
  language: string;
  /** The visitor pass the response was made with (personal data), and the privacy notice shown. */
  passId: string | null;
  privacyNoticeVersion: string | null;
  answers: Answers;
  /** The revision fields, with their defaults (a visitor response is its own record, revision 1). */
  recordId: string;
  revision: number;
  parents: string[];
  editedBy: string | undefined;
  /** No stored revision names this one as a parent. */
  current: boolean;
  /** Current, and another revision of the same record is current too. */
  conflict: boolean;
  /** Form-order position of its last answer (Infinity when complete): set by settleRecord. */
  reached?: number;
};

/** id, received_at, payload, current (1/0), conflict (1/0). */
export type StoredRow = readonly [string, string, string, number, number];

/**
 * Rows per page. Small on SQLite: a page outliving a garbage collection costs more than the query.
 * Larger on PostgreSQL, where each page is also a round trip to the database.
 */
export const PAGE_SIZES: Record<DatabaseKind, number> = { sqlite: 500, postgres: 1000 };

/** Kiosks may write times at any offset (up to ±14 h): SQL compares text, so widen by a day. */
const TEXT_MARGIN_MS = 86_400_000;

type SubmissionQuery = SelectQueryBuilder<Database, 'submissions', object>;

/** The rows of a form the filters may match (the exact time test and consent are in toRecord). */
export function filtered(db: Kysely<Database>, formId: string, filters: ExportFilters): SubmissionQuery {
  let query: SubmissionQuery = db.selectFrom('submissions').where('form_id', '=', formId);
  if (filters.eventId !== undefined) query = query.where('event_id', '=', filters.eventId);
  if (filters.deviceId !== undefined) query = query.where('device_id', '=', filters.deviceId);
  if (filters.version !== undefined) query = query.where('form_version', '=', filters.version);
  // created_at is the kiosk's text: the text range holds every match, the exact test is in JS.
  if (filters.fromMs !== undefined)
    query = query.where('created_at', '>=', textTime(filters.fromMs - TEXT_MARGIN_MS));
  if (filters.toMs !== undefined)
    query = query.where('created_at', '<=', textTime(filters.toMs + TEXT_MARGIN_MS));
  if (filters.revisions !== 'all') query = query.where('current', '=', 1);
  return query;
}

const textTime = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

/** Stand for a page's bounds while a query is compiled, then are replaced by the real ones. */
const AFTER = '\u0000after';
const THROUGH = '\u0000through';

/**
 * A field record's revision is in conflict when another revision of its record is current too.
 * Only field records can have one: for other forms the (costly, per row) question is not asked.
 */
const CONFLICT = sql<number>`case when submissions."current" = 1 and (select count(*) from submissions as other
  where other.record_id = submissions.record_id and other."current" = 1) > 1 then 1 else 0 end`;
const NO_CONFLICT = sql<number>`0`;

/**
 * A page: the rows after `after` (from the first when undefined) up to and with `through` (to the
 * last when undefined), at most `limit` of them when given.
 */
export type PageRange = { after: string | undefined; through: string | undefined; limit?: number };

/** The pages' SQL, each variant compiled once; a page only swaps its bounds in. */
export class PageQueries {
  private readonly compiled = new Map<string, PageQuery>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly formId: string,
    private readonly filters: ExportFilters,
    private readonly fieldRecords: boolean,
  ) {}

  of({ after, through, limit }: PageRange): PageQuery {
    const key = `${after === undefined}/${through === undefined}/${limit}`;
    let query = this.compiled.get(key);
    if (query === undefined) {
      let builder = filtered(this.db, this.formId, this.filters)
        .select(['id', 'received_at', 'payload', 'current'])
        .select((this.fieldRecords ? CONFLICT : NO_CONFLICT).as('conflict'))
        .orderBy('id');
      if (after !== undefined) builder = builder.where('id', '>', AFTER);
      if (through !== undefined) builder = builder.where('id', '<=', THROUGH);
      if (limit !== undefined) builder = builder.limit(limit);
      query = compiled(builder);
      this.compiled.set(key, query);
    }
    const bound = (p: string | number) => (p === AFTER ? (after ?? p) : p === THROUGH ? (through ?? p) : p);
    return { sql: query.sql, parameters: query.parameters.map(bound) };
  }
}

/**
 * The stored rows, a page at a time, each page asked for after the one before. The caller parses
 * them one by one (`toRecord`) so that each record's garbage dies young.
 */
export async function* recordPages(
  s: ServerDb,
  formId: string,
  filters: ExportFilters,
  fieldRecords: boolean,
  pageSize = PAGE_SIZES[s.kind],
): AsyncGenerator<StoredRow[]> {
  const queries = new PageQueries(s.db, formId, filters, fieldRecords);
  const reader = serverPageReader(s);
  const read = (after: string | undefined) =>
    reader.read(queries.of({ after, through: undefined, limit: pageSize }));
  let next = read(undefined);
  try {
    for (;;) {
      const rows = await next;
      const last = rows.at(-1);
      if (last === undefined) return;
      next = rows.length === pageSize ? read(last[0]) : Promise.resolve([]);
      yield rows;
    }
  } finally {
    // A caller that stops early leaves a page in flight: let it settle quietly.
    next.catch(() => undefined);
    await reader.close();
  }
}

/**
 * The pages, as ranges of ids, each bound found by `reader` as the next page is asked for: each
 * range holds `pageSize` stored rows (the last may hold fewer, or none), of which the page's query
 * keeps those the filters match. The bounds are found in an index alone (by event when the export
 * is of one, else by id): testing the other filters would read each row from the table, 0.7 s
 * instead of 0.05 s per million rows on SQLite, on the thread that hands the pages out. (A form
 * among many others' rows gets pages of fewer rows; their queries read those rows anyway.)
 * A row stored meanwhile falls in one page or none.
 */
export async function* pageRanges(
  db: Kysely<Database>,
  reader: PageReader,
  filters: ExportFilters,
  pageSize: number,
): AsyncGenerator<PageRange> {
  let indexed = db.selectFrom('submissions');
  if (filters.eventId !== undefined) indexed = indexed.where('event_id', '=', filters.eventId);
  const bounds = indexed
    .select('id')
    .orderBy('id')
    .limit(1)
    .offset(pageSize - 1);
  const first = compiled(bounds);
  const next = compiled(bounds.where('id', '>', AFTER));
  let after: string | undefined;
  for (;;) {
    const query =
      after === undefined
        ? first
        : { ...next, parameters: next.parameters.map((p) => (p === AFTER ? after : p)) };
    const through = await reader.first(query as PageQuery);
    yield { after, through };
    if (through === undefined) return;
    after = through;
  }
}

function compiled(query: { compile(): { sql: string; parameters: readonly unknown[] } }): PageQuery {
  const { sql: text, parameters } = query.compile();
  return { sql: text, parameters: parameters as PageQuery['parameters'] };
}

/**
 * The record, or undefined when it is outside the filters' time range (the SQL range is wider),
 * not published when only published records are asked for, or incomplete when only complete ones are.
 * The payload was checked against SubmissionPayloadSchema when it was pushed; checking a million
 * of them again would double an export's time, so only the parts read here are checked.
 */
export function toRecord(row: StoredRow, filters: ExportFilters): ExportRecord | undefined {
  const [id, receivedAt, text, current, conflict] = row;
  const payload: unknown = JSON.parse(text);
  if (!isStoredPayload(payload)) throw new Error(`submission ${id}: the stored payload is not a record`);
  if (filters.fromMs !== undefined || filters.toMs !== undefined) {
    const ms = Date.parse(payload.createdAt);
    if (
      (filters.fromMs !== undefined && ms < filters.fromMs) ||
      (filters.toMs !== undefined && ms > filters.toMs)
    )
      return undefined;
  }
  if (filters.publishedBy !== undefined && payload.answers[filters.publishedBy] !== PUBLISHED)
    return undefined;
  if (filters.completeOnly === true && !payload.complete) return undefined;
  return {
    id,
    eventId: payload.eventId,
    deviceId: payload.deviceId,
    formVersion: payload.formVersion,
    complete: payload.complete,
    createdAt: payload.createdAt,
    startedAt: typeof payload.startedAt === 'string' ? payload.startedAt : payload.createdAt,
    receivedAt,
    language: payload.language,
    passId: typeof payload.passId === 'string' ? payload.passId : null,
    privacyNoticeVersion:
      typeof payload.privacyNoticeVersion === 'string' ? payload.privacyNoticeVersion : null,
    answers: payload.answers,
    recordId: typeof payload.recordId === 'string' ? payload.recordId : id,
    revision: typeof payload.revision === 'number' ? payload.revision : 1,
    parents: Array.isArray(payload.parents)
      ? payload.parents.filter((p): p is string => typeof p === 'string')
      : [],
    editedBy: typeof payload.editedBy === 'string' ? payload.editedBy : undefined,
    current: current === 1,
    conflict: conflict === 1,
  };
}

type StoredPayload = Pick<
  ExportRecord,
  'eventId' | 'deviceId' | 'formVersion' | 'complete' | 'createdAt' | 'language' | 'answers'
> & {
  recordId?: unknown;
  revision?: unknown;
  parents?: unknown[];
  editedBy?: unknown;
  startedAt?: unknown;
  passId?: unknown;
  privacyNoticeVersion?: unknown;
};

function isStoredPayload(value: unknown): value is StoredPayload {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Partial<Record<keyof StoredPayload, unknown>>;
  return (
    typeof p.eventId === 'string' &&
    typeof p.deviceId === 'string' &&
    typeof p.formVersion === 'string' &&
    typeof p.complete === 'boolean' &&
    typeof p.createdAt === 'string' &&
    typeof p.language === 'string' &&
    typeof p.answers === 'object' &&
    p.answers !== null &&
    !Array.isArray(p.answers)
  );
}

/** Every device's id and name, for the kiosk name column (a few hundred at most). */
export async function deviceNames(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('devices').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
