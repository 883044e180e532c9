// An event's set-up as people change it — from the console, through /v1 or with `quiosco admin` —
// each change made and audited in one call, so that every way in leaves the same trace.
import type { BrandingUpdate, EventBranding } from '../../shared/sync/branding';
import type { Event } from '../../shared/sync/admin-api';
import { audit } from '../console/audit';
import type { ServerDb } from '../db/server-database';
import { readEventBranding, updateEventBranding } from './event-branding';
import { createEvent } from './events-store';

/** Creates an event by id and name (the console's, with dates, is createEventWithDetails). */
export async function setUpEvent(
  s: ServerDb,
  input: { id: string; name: string },
  actor: string,
  now = new Date(),
): Promise<Event> {
  const event = await createEvent(s, input, now);
  const detail = { eventId: event.id, name: event.name };
  await audit(s, { actor, action: 'event_created', detail }, now);
  return event;
}

/** What the audit log keeps of a branding: colours and images by hash, not their bytes. */
const summary = (b: EventBranding | null) =>
  b === null
    ? null
    : { colours: b.colours, logo: b.logo?.sha256 ?? null, attract: b.attract.map((i) => i.sha256) };

/** Changes an event's branding; audited as an event update with the branding before and after. */
export async function brandEvent(
  s: ServerDb,
  eventId: string,
  update: BrandingUpdate,
  actor: string,
  now = new Date(),
): Promise<EventBranding | null> {
  const before = await readEventBranding(s.db, eventId);
  const branding = await updateEventBranding(s, eventId, update, now);
  const detail = { eventId, changes: { branding: [summary(before), summary(branding)] } };
  await audit(s, { actor, action: 'event_updated', detail }, now);
  return branding;
}
