// The pull log. Every row gets its seq from the database as it is inserted, and a kiosk pulls
// "rows after my cursor" in seq order, so seq order must equal commit order: a row committed
// with a smaller seq after a reader has passed it would never be seen. SQLite has one writer at
// a time, which gives that for free. On PostgreSQL concurrent transactions take sequence values
// in one order and may commit in another, so every transaction that appends holds a
// transaction-level advisory lock from its first insert until it commits: appends are
// serialised, and a reader either sees all of an earlier writer's rows or is not yet past them.
// The log has two streams over the one seq (PULL_STREAM_OF): a kiosk's set-up, and what doors
// need; each reader pages through one of them.
import { sql, type Kysely } from 'kysely';
import {
  PULL_STREAM_OF,
  PullChangeSchema,
  type PullChange,
  type PullStream,
} from '../../shared/sync/protocol';
import type { Database, DatabaseKind } from '../db/schema';

const CHANGE_LOG_LOCK = 73_010_002;

/** Every kiosk of an event sees the row, or one kiosk does. */
export type ChangeScope = { eventId: string } | { deviceId: string };
type Unsequenced<C> = C extends PullChange ? Omit<C, 'seq'> : never;
export type NewChange = Unsequenced<PullChange> & { scope: ChangeScope };

/** Rows per INSERT: seven parameters each, well under SQLite's and PostgreSQL's limits. */
const APPEND_CHUNK = 500;

/**
 * Appends rows to the pull log and returns their seqs, in the order given. Call it last in a
 * transaction: on PostgreSQL it holds the change-log lock until commit, and other writers wait.
 */
export async function appendChanges(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  changes: NewChange[],
  now: Date,
): Promise<number[]> {
  if (changes.length === 0) return [];
  if (kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(trx);
  const seqs: number[] = [];
  for (let i = 0; i < changes.length; i += APPEND_CHUNK) {
    const inserted = await trx
      .insertInto('changes')
      .values(
        changes.slice(i, i + APPEND_CHUNK).map((c) => ({
          kind: c.kind,
          entity_id: c.id,
          event_id: 'eventId' in c.scope ? c.scope.eventId : null,
          device_id: 'deviceId' in c.scope ? c.scope.deviceId : null,
          payload: JSON.stringify(c.payload),
          created_at: now.toISOString(),
          stream: PULL_STREAM_OF[c.kind],
        })),
      )
      .returning('seq')
      .execute();
    // One INSERT numbers its rows in VALUES order; RETURNING need not list them in that order.
    seqs.push(...inserted.map((r) => r.seq).sort((a, b) => a - b));
  }
  return seqs;
}

export type ChangePage = { changes: PullChange[]; cursor: number; hasMore: boolean };

/** What one kiosk sees of a stream after `cursor`: its own rows and its current event's. */
export async function readChanges(
  db: Kysely<Database>,
  reader: { deviceId: string; eventId: string },
  query: { cursor: number; limit: number; stream: PullStream },
): Promise<ChangePage> {
  const { cursor, limit, stream } = query;
  // One ordered index range per scope, merged: an OR of the two would make the database fetch
  // and sort every row after the cursor for each page (a door's first pull reads 500,000 tickets).
  const scoped = (column: 'event_id' | 'device_id', value: string) =>
    db
      .selectFrom((sub) =>
        sub
          .selectFrom('changes')
          .select(['seq', 'kind', 'entity_id', 'payload'])
          .where(column, '=', value)
          .where('stream', '=', stream)
          .where('seq', '>', cursor)
          .orderBy('seq')
          .limit(limit + 1)
          .as(column),
      )
      .selectAll();
  const rows = await db
    .selectFrom(scoped('event_id', reader.eventId).unionAll(scoped('device_id', reader.deviceId)).as('c'))
    .selectAll()
    .orderBy('seq')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const changes = page.map((row) =>
    PullChangeSchema.parse({
      seq: row.seq,
      kind: row.kind,
      id: row.entity_id,
      payload: JSON.parse(row.payload),
    }),
  );
  return { changes, cursor: page.at(-1)?.seq ?? cursor, hasMore: rows.length > limit };
}
