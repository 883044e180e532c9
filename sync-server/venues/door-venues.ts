// What a door needs to count against its own venue: the event's open venues, each with the door
// kiosks put at it. A door at no venue, or at one that is not open, counts for the default venue,
// as venueOccupancy counts on the server.
import type { Kysely } from 'kysely';
import type { DoorVenue } from '../../shared/sync/protocol';
import type { Database } from '../db/schema';

export async function doorVenueList(db: Kysely<Database>, eventId: string): Promise<DoorVenue[]> {
  const venues = await db
    .selectFrom('venues')
    .select(['id', 'name', 'capacity', 'is_default'])
    .where('event_id', '=', eventId)
    .where('archived_at', 'is', null)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute();
  if (venues.length === 0) return [];
  const doors = await db
    .selectFrom('devices')
    .select(['id', 'venue_id'])
    .where(
      'venue_id',
      'in',
      venues.map((v) => v.id),
    )
    .orderBy('id')
    .execute();
  return venues.map((v) => ({
    id: v.id,
    name: v.name,
    capacity: v.capacity,
    isDefault: v.is_default === 1,
    doorIds: doors.filter((d) => d.venue_id === v.id).map((d) => d.id),
  }));
}
