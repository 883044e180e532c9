// Every event has a default venue, named as the event: it holds the door rules' capacity and
// counts the door kiosks with no venue. Migration 9 made one for each event then; events made
// since get theirs the first time their venues or door rules are touched.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const defaultVenueId = (eventId: string): string => `${eventId}~default`;

export async function ensureDefaultVenue(db: Kysely<Database>, eventId: string): Promise<void> {
  const event = await db
    .selectFrom('events')
    .leftJoin('door_settings', 'door_settings.event_id', 'events.id')
    .select(['events.name', 'events.created_at', 'door_settings.capacity'])
    .where('events.id', '=', eventId)
    .executeTakeFirst();
  if (event === undefined) return;
  await db
    .insertInto('venues')
    .values({
      id: defaultVenueId(eventId),
      event_id: eventId,
      name: event.name,
      capacity: event.capacity,
      is_default: 1,
      archived_at: null,
      created_at: event.created_at,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
