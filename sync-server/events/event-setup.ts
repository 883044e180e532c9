// An event's set-up as people change it — from the console, through /v1 or with `quiosco admin` —
// each change made and audited in one call and one transaction, so that every way in leaves the
// same trace and no change is ever written without its entry.
import type { EventCreate, EventDetails, EventEdit } from '../../shared/console/setup-api';
import type { BrandingUpdate, EventBranding } from '../../shared/sync/branding';
import type { Event } from '../../shared/sync/admin-api';
import { audit, auditChanges } from '../console/audit';
import { inOneTransaction, type ServerDb } from '../db/server-database';
import { applyBranding, checkBranding, readEventBranding } from './event-branding';
import { archiveEvent, createEventWithDetails, editEvent } from './event-details';
import { createEvent } from './events-store';

/** Creates an event by id and name (the console's, with dates, is setUpEventWithDetails). */
export async function setUpEvent(
  s: ServerDb,
  input: { id: string; name: string },
  actor: string,
  now = new Date(),
): Promise<Event> {
  return inOneTransaction(s, async (t) => {
    const event = await createEvent(t, input, now);
    const detail = { eventId: event.id, name: event.name };
    await audit(t, { actor, action: 'event_created', detail }, now);
    return event;
  });
}

/** The console's: an event with its dates, time zone and capacity, all of them in its entry. */
export async function setUpEventWithDetails(
  s: ServerDb,
  input: EventCreate,
  actor: string,
  now = new Date(),
): Promise<EventDetails> {
  return inOneTransaction(s, async (t) => {
    const event = await createEventWithDetails(t, input, now);
    const { id: eventId, ...detail } = event;
    await audit(t, { actor, action: 'event_created', detail: { eventId, ...detail } }, now);
    return event;
  });
}

/** Changes an event's name, dates, time zone and capacity; audited with what changed. */
export async function changeEventDetails(
  s: ServerDb,
  eventId: string,
  edit: EventEdit,
  actor: string,
  now = new Date(),
): Promise<EventDetails> {
  return inOneTransaction(s, async (t) => {
    const { before, after } = await editEvent(t, eventId, edit, now);
    const fields = ['name', 'startsOn', 'endsOn', 'timeZone', 'capacity'] as const;
    const entry = { actor, action: 'event_updated', detail: { eventId: after.id } } as const;
    await auditChanges(t, entry, { before, after, fields }, now);
    return after;
  });
}

/** Archives an event or restores it. */
export async function setEventArchived(
  s: ServerDb,
  eventId: string,
  archived: boolean,
  actor: string,
  now = new Date(),
): Promise<EventDetails> {
  return inOneTransaction(s, async (t) => {
    const event = await archiveEvent(t, eventId, archived, now);
    await audit(t, { actor, action: 'event_archived', detail: { eventId: event.id, archived } }, now);
    return event;
  });
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
  // Its images are checked (decoded, hashed) before the transaction, not holding it open.
  const checked = checkBranding(update);
  return inOneTransaction(s, async (t) => {
    const before = await readEventBranding(t.db, eventId);
    const branding = await applyBranding(t, eventId, checked, now);
    const detail = { eventId, changes: { branding: [summary(before), summary(branding)] } };
    await audit(t, { actor, action: 'event_updated', detail }, now);
    return branding;
  });
}
