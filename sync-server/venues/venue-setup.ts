// An event's venues and the venue a door kiosk guards, as managers change them in the console:
// each change made and audited in one call and one transaction, so that no change is ever written
// without its entry.
import type { Venue, VenueCreate, VenueEdit } from '../../shared/console/venues-api';
import { audit, auditChanges } from '../console/audit';
import { inOneTransaction, type ServerDb } from '../db/server-database';
import { createVenue, editVenue, setKioskVenue } from './venues-store';

export async function addVenue(
  s: ServerDb,
  eventId: string,
  input: VenueCreate,
  actor: string,
  now = new Date(),
): Promise<Venue> {
  return inOneTransaction(s, async (t) => {
    const venue = await createVenue(t, eventId, input, now);
    await audit(t, { actor, action: 'venue_created', detail: { ...venue } }, now);
    return venue;
  });
}

/** Renames a venue, changes its capacity, archives or restores it; audited with what changed. */
export async function changeVenue(
  s: ServerDb,
  eventId: string,
  venueId: string,
  edit: VenueEdit,
  actor: string,
  now = new Date(),
): Promise<Venue> {
  return inOneTransaction(s, async (t) => {
    const { before, after } = await editVenue(t, eventId, venueId, edit, now);
    const fields = ['name', 'capacity', 'archivedAt'] as const;
    const detail = { eventId: after.eventId, venueId: after.id };
    await auditChanges(t, { actor, action: 'venue_updated', detail }, { before, after, fields }, now);
    return after;
  });
}

/** Puts a door kiosk at a venue of its event (venueId null: the event's default venue). */
export async function placeDoorKiosk(
  s: ServerDb,
  deviceId: string,
  input: { venueId: string | null },
  actor: string,
  now = new Date(),
): Promise<{ deviceId: string; venueId: string | null }> {
  return inOneTransaction(s, async (t) => {
    const set = await setKioskVenue(t, deviceId, input, now);
    await audit(t, { actor, action: 'kiosk_venue_set', detail: set }, now);
    return set;
  });
}
