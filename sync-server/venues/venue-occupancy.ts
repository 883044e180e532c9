// Occupancy per venue: entries minus exits at each venue's door kiosks, against its capacity. A
// door with no venue, or with a venue of another event (it was moved), counts for the default venue.
import type { Kysely } from 'kysely';
import type { VenueOccupancy } from '../../shared/console/venues-api';
import type { Database } from '../db/schema';
import { scanMovements } from '../tickets/scan-movements';
import { defaultVenueId } from './default-venue';
import { venueRows } from './venues-store';

export async function venueOccupancy(db: Kysely<Database>, eventId: string): Promise<VenueOccupancy[]> {
  const [venues, byDevice, doors] = await Promise.all([
    venueRows(db, eventId, false),
    scanMovements(db, eventId, 'device_id'),
    db
      .selectFrom('devices')
      .select(['id', 'name', 'venue_id', 'event_id', 'mode', 'revoked_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('event_id', '=', eventId), eb('mode', '=', 'door')]),
          eb('id', 'in', db.selectFrom('scans').select('device_id').where('event_id', '=', eventId)),
        ]),
      )
      .orderBy('name')
      .execute(),
  ]);
  const open = new Set(venues.map((v) => v.id));
  const fallback = defaultVenueId(eventId);
  const venueOf = new Map(
    doors.map((d) => [d.id, d.venue_id != null && open.has(d.venue_id) ? d.venue_id : fallback]),
  );
  const counts = new Map(venues.map((v) => [v.id, { entries: 0, exits: 0 }]));
  for (const row of byDevice) {
    const count = counts.get(venueOf.get(row.key) ?? fallback);
    if (count === undefined) continue;
    count.entries += row.entries;
    count.exits += row.exits;
  }
  return venues.map((v) => {
    const { entries, exits } = counts.get(v.id) ?? { entries: 0, exits: 0 };
    return {
      venueId: v.id,
      name: v.name,
      capacity: v.capacity,
      inside: Math.max(0, entries - exits),
      entries,
      exits,
      doors: doors
        .filter(
          (d) =>
            d.event_id === eventId &&
            d.mode === 'door' &&
            d.revoked_at === null &&
            venueOf.get(d.id) === v.id,
        )
        .map((d) => ({ deviceId: d.id, name: d.name })),
    };
  });
}
