// The records of one form, read page by page in id order (keyset pagination: each page starts
// after the last id of the one before), so an export holds a page or two, however many records
// there are. The next page is asked for while the caller works on the current one.
//
// Only the id, the received time, the payload and whether the revision is current are read (and,
// for field records, whether another current revision makes it a conflict): the rest is in the
// payload. Unless every revision is asked for, only current revisions are read.
// The pages come as plain arrays: on SQLite from a read-only connection of the export's own
// (better-sqlite3's raw mode), which halves the cost of reading a row; on PostgreSQL by pg's
// Pool.query rather than through Kysely. Kysely calls pg's Client.query in its promise form,
// which gives the query its callback only after building it, and pg then spent twice the CPU and
// several times the garbage collection on the same rows (pg 8.23, Node 20: 3.0 s instead of 1.5 s
// for a million rows; the 1,000,000-row CSV export went from 9.6 s to 8.4 s).
import Sqlite from 'better-sqlite3';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Answers } from '../../shared/forms/form-definition';
import type { Database, DatabaseKind } from '../db/schema';
import type { ServerDb } from '../db/server-database';
import type { ExportFilters } from './export-options';
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

/** Reads one page: the first when `after` is undefined. */
type PageReader = { read(after: string | undefined): Promise<StoredRow[]>; close(): void };

/** Stands for the keyset bound while a query is compiled, then is replaced by the real one. */
const AFTER = '\u0000after';

/**
 * A field record's revision is in conflict when another revision of its record is current too.
 * Only field records can have one: for other forms the (costly, per row) question is not asked.
 */
const CONFLICT = sql<number>`case when submissions."current" = 1 and (select count(*) from submissions as other
  where other.record_id = submissions.record_id and other."current" = 1) > 1 then 1 else 0 end`;
const NO_CONFLICT = sql<number>`0`;

function pageReader(
  s: ServerDb,
  formId: string,
  filters: ExportFilters,
  fieldRecords: boolean,
  pageSize: number,
): PageReader {
  const base = filtered(s.db, formId, filters)
    .select(['id', 'received_at', 'payload', 'current'])
    .select((fieldRecords ? CONFLICT : NO_CONFLICT).as('conflict'))
    .orderBy('id')
    .limit(pageSize);
  // Both queries are compiled once; each page only swaps the keyset bound in.
  const first = base.compile();
  const next = base.where('id', '>', AFTER).compile();
  const at = next.parameters.indexOf(AFTER);
  const withAfter = (after: string) => next.parameters.map((p, i) => (i === at ? after : p));
  const pool = s.pgPool;
  if (pool !== undefined) {
    return {
      read: async (after) => {
        const query =
          after === undefined
            ? { text: first.sql, values: [...first.parameters] }
            : { text: next.sql, values: withAfter(after) };
        const { rows } = await pool.query<[string, string, string, number, number]>({
          ...query,
          rowMode: 'array',
        });
        return rows;
      },
      close: () => undefined,
    };
  }
  const connection = new Sqlite(s.location, { readonly: true, fileMustExist: true });
  connection.pragma('busy_timeout = 5000');
  const firstPage = connection.prepare(first.sql).raw();
  const nextPage = connection.prepare(next.sql).raw();
  return {
    read: async (after) =>
      (after === undefined
        ? firstPage.all(...first.parameters)
        : nextPage.all(...withAfter(after))) as StoredRow[],
    close: () => connection.close(),
  };
}

/**
 * The stored rows, a page at a time. The caller parses them one by one (`toRecord`) so that each
 * record's garbage dies young.
 */
export async function* recordPages(
  s: ServerDb,
  formId: string,
  filters: ExportFilters,
  fieldRecords: boolean,
  pageSize = PAGE_SIZES[s.kind],
): AsyncGenerator<StoredRow[]> {
  const reader = pageReader(s, formId, filters, fieldRecords, pageSize);
  let next = reader.read(undefined);
  try {
    for (;;) {
      const rows = await next;
      const last = rows.at(-1);
      if (last === undefined) return;
      next = rows.length === pageSize ? reader.read(last[0]) : Promise.resolve([]);
      yield rows;
    }
  } finally {
    // A caller that stops early leaves a page in flight: let it settle quietly.
    next.catch(() => undefined);
    reader.close();
  }
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
