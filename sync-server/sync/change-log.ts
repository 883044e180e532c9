// The pull log. Every row gets its seq from the database as it is inserted, and a kiosk pulls
// "rows after my cursor" in seq order, so seq order must equal commit order: a row committed
// with a smaller seq after a reader has passed it would never be seen. SQLite has one writer at
// a time, which gives that for free. On PostgreSQL concurrent transactions take sequence values
// in one order and may commit in another, so every transaction that appends holds a
// transaction-level advisory lock from its first insert until it commits: appends are
// serialised, and a reader either sees all of an earlier writer's rows or is not yet past them.
import { sql, type Kysely } from 'kysely';
import { PullChangeSchema, type PullChange } from '../../shared/sync/protocol';
import type { Database, DatabaseKind } from '../db/schema';

const CHANGE_LOG_LOCK = 73_010_002;

/** Every kiosk of an event sees the row, or one kiosk does. */
export type ChangeScope = { eventId: string } | { deviceId: string };
type Unsequenced<C> = C extends PullChange ? Omit<C, 'seq'> : never;
export type NewChange = Unsequenced<PullChange> & { scope: ChangeScope };

/**
 * Appends rows to the pull log. Call it last in a transaction: on PostgreSQL it holds the
 * change-log lock until commit, and other writers wait for it.
 */
export async function appendChanges(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  changes: NewChange[],
  now: Date,
): Promise<void> {
  if (changes.length === 0) return;
  if (kind === 'postgres') await sql`SELECT pg_advisory_xact_lock(${CHANGE_LOG_LOCK})`.execute(trx);
  await trx
    .insertInto('changes')
    .values(
      changes.map((c) => ({
        kind: c.kind,
        entity_id: c.id,
        event_id: 'eventId' in c.scope ? c.scope.eventId : null,
        device_id: 'deviceId' in c.scope ? c.scope.deviceId : null,
        payload: JSON.stringify(c.payload),
        created_at: now.toISOString(),
      })),
    )
    .execute();
}

export type ChangePage = { changes: PullChange[]; cursor: number; hasMore: boolean };

/** What one kiosk sees after `cursor`: its own rows and its current event's. */
export async function readChanges(
  db: Kysely<Database>,
  reader: { deviceId: string; eventId: string },
  cursor: number,
  limit: number,
): Promise<ChangePage> {
  const rows = await db
    .selectFrom('changes')
    .select(['seq', 'kind', 'entity_id', 'payload'])
    .where('seq', '>', cursor)
    .where((eb) => eb.or([eb('device_id', '=', reader.deviceId), eb('event_id', '=', reader.eventId)]))
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
