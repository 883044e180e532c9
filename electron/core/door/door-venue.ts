// Which venue a door counts against and how many are inside it: the venue the server put this
// door at, else the default one; a scan counts for the venue its door is at (a door at none, or
// unknown here, counts for the default venue), as the server counts occupancy per venue.
import type { DoorConfigPayload, DoorVenue } from '../../../shared/sync/protocol';

export type ScanCounts = { entries: number; exits: number };

export type VenueOccupancy = ScanCounts & {
  venue: Pick<DoorVenue, 'id' | 'name'> | null;
  capacity: number | null;
};

/** The event's counts, and the counts of the scans of some doors (read by the doors' index). */
export type CountSource = { event: ScanCounts; at(deviceIds: readonly string[]): ScanCounts };

/** Without venues (a server before them) the door counts the whole event against its capacity. */
export function venueOccupancy(
  config: DoorConfigPayload,
  deviceId: string,
  counts: CountSource,
): VenueOccupancy {
  const venues = config.venues ?? [];
  const mine = venues.find((v) => v.doorIds.includes(deviceId)) ?? venues.find((v) => v.isDefault);
  if (mine === undefined) return { venue: null, capacity: config.capacity, ...counts.event };
  const venue = { id: mine.id, name: mine.name };
  if (!mine.isDefault) return { venue, capacity: mine.capacity, ...counts.at(mine.doorIds) };
  // The default venue: every scan but those of the doors at the other venues.
  const elsewhere = counts.at(venues.filter((v) => v !== mine).flatMap((v) => v.doorIds));
  return {
    venue,
    capacity: mine.capacity,
    entries: counts.event.entries - elsewhere.entries,
    exits: counts.event.exits - elsewhere.exits,
  };
}
