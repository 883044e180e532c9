// Every event has a default venue, named as the event: it holds the door rules' capacity and
// counts the door kiosks with no venue. Migration 9 made one for each event then; createEvent makes
// it with the event since.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const defaultVenueId = (eventId: string): string => `${eventId}~default`;

/** The new event's default venue, with no capacity until door rules set one. */
export async function createDefaultVenue(
  db: Kysely<Database>,
  event: { id: string; name: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('venues')
    .values({
      id: defaultVenueId(event.id),
      event_id: event.id,
      name: event.name,
      capacity: null,
      is_default: 1,
      archived_at: null,
      created_at: event.createdAt,
    })
    .execute();
}
