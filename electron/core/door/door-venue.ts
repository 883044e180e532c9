// Which venue a door counts against and how many are inside it: the venue the server put this
// door at, else the default one; a scan counts for the venue its door is at (a door at none, or
// unknown here, counts for the default venue), as the server counts occupancy per venue.
import type { DoorConfigPayload, DoorVenue } from '../../../shared/sync/protocol';

export type DeviceCounts = { device_id: string; entries: number; exits: number };

export type VenueOccupancy = {
  venue: Pick<DoorVenue, 'id' | 'name'> | null;
  capacity: number | null;
  entries: number;
  exits: number;
};

const venueOf = (venues: DoorVenue[], deviceId: string): DoorVenue | undefined =>
  venues.find((v) => v.doorIds.includes(deviceId)) ?? venues.find((v) => v.isDefault);

/** Without venues (a server before them) the door counts the whole event against its capacity. */
export function venueOccupancy(
  config: DoorConfigPayload,
  deviceId: string,
  byDevice: DeviceCounts[],
): VenueOccupancy {
  const venues = config.venues ?? [];
  const mine = venueOf(venues, deviceId);
  const counted =
    mine === undefined ? byDevice : byDevice.filter((d) => venueOf(venues, d.device_id) === mine);
  return {
    venue: mine === undefined ? null : { id: mine.id, name: mine.name },
    capacity: mine === undefined ? config.capacity : mine.capacity,
    entries: counted.reduce((sum, d) => sum + d.entries, 0),
    exits: counted.reduce((sum, d) => sum + d.exits, 0),
  };
}
