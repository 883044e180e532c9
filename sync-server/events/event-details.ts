// What the console sets on an event beyond its id: name, first and last day, time zone, the
// door's capacity, and archiving. An archived event is hidden from the console's lists and takes
// no new kiosks (no enrolment codes, no enrolment, no assignment); its records stay.
import type { Kysely } from 'kysely';
import {
  EventCreateSchema,
  EventEditSchema,
  type EventCreate,
  type EventDetails,
  type EventEdit,
} from '../../shared/console/setup-api';
import type { Database } from '../db/schema';
import type { ServerDb } from '../db/server-database';
import { appendChanges } from '../sync/change-log';
import { SyncError } from '../sync-error';
import { doorConfig, setDoorSettings } from '../tickets/door-settings';
import { parseOrThrow } from '../validation';
import { createEvent, requireEvent } from './events-store';

const datesOf = (e: EventEdit) => ({ starts_on: e.startsOn, ends_on: e.endsOn, time_zone: e.timeZone });

export async function readEventDetails(db: Kysely<Database>, eventId: string): Promise<EventDetails> {
  await requireEvent(db, eventId);
  const [row, door] = await Promise.all([
    db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirstOrThrow(),
    doorConfig(db, eventId),
  ]);
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    timeZone: row.time_zone,
    archivedAt: row.archived_at,
    capacity: door.capacity,
  };
}

/** Newest first; archived events only when asked for. */
export async function listEventDetails(s: ServerDb, archived: boolean): Promise<EventDetails[]> {
  let query = s.db.selectFrom('events').select('id').orderBy('created_at', 'desc').orderBy('id');
  if (!archived) query = query.where('archived_at', 'is', null);
  const rows = await query.execute();
  return Promise.all(rows.map((r) => readEventDetails(s.db, r.id)));
}

/** Everything is checked before anything is written. */
export async function createEventWithDetails(
  s: ServerDb,
  input: EventCreate,
  now = new Date(),
): Promise<EventDetails> {
  const event = parseOrThrow(EventCreateSchema, input, 'body');
  await createEvent(s, { id: event.id, name: event.name }, now, datesOf(event));
  if (event.capacity !== null) await setDoorSettings(s, event.id, { capacity: event.capacity }, now);
  return readEventDetails(s.db, event.id);
}

/** Replaces the event's fields; answers it before and after (for the audit log). */
export async function editEvent(
  s: ServerDb,
  eventId: string,
  input: EventEdit,
  now = new Date(),
): Promise<{ before: EventDetails; after: EventDetails }> {
  const edit = parseOrThrow(EventEditSchema, input, 'body');
  const before = await readEventDetails(s.db, eventId);
  await s.transaction(async (trx) => {
    await trx
      .updateTable('events')
      .set({ name: edit.name, ...datesOf(edit) })
      .where('id', '=', eventId)
      .execute();
    // Kiosks show the event's name: a new one goes down to them as event creation did.
    if (edit.name !== before.name) {
      await appendChanges(
        trx,
        s.kind,
        [{ kind: 'event', id: eventId, payload: { id: eventId, name: edit.name }, scope: { eventId } }],
        now,
      );
    }
  });
  if (edit.capacity !== before.capacity) await setDoorSettings(s, eventId, { capacity: edit.capacity }, now);
  return { before, after: await readEventDetails(s.db, eventId) };
}

export async function archiveEvent(
  s: ServerDb,
  eventId: string,
  archived: boolean,
  now = new Date(),
): Promise<EventDetails> {
  await requireEvent(s.db, eventId);
  await s.db
    .updateTable('events')
    .set({ archived_at: archived ? now.toISOString() : null })
    .where('id', '=', eventId)
    .where('archived_at', archived ? 'is' : 'is not', null)
    .execute();
  return readEventDetails(s.db, eventId);
}

/** The event, if it is not archived: new kiosks join only events that are going on. */
export async function requireOpenEvent(db: Kysely<Database>, eventId: string): Promise<void> {
  await requireEvent(db, eventId);
  const row = await db
    .selectFrom('events')
    .select('archived_at')
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  if (row.archived_at !== null) {
    throw new SyncError(
      'conflict',
      `event ${eventId} was archived at ${row.archived_at}: it takes no new kiosks (restore it first)`,
      { field: 'eventId' },
    );
  }
}
