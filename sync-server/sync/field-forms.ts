// Field records (docs/field-records.md) are the revisions of field forms: forms of kind heritage,
// and any form a kiosk of the event offers as staff-only. Their revisions go down the `records`
// stream, which only kiosks that run a field form may pull.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { OfferedFormSchema } from '../../shared/kiosk/kiosk-settings';
import type { Database } from '../db/schema';

export type FieldForms = { has(eventId: string, formId: string): boolean };

const OfferedFormsSchema = z.array(OfferedFormSchema);
const key = (eventId: string, formId: string): string => `${eventId}\u0000${formId}`;

/** The field forms of these events, as they stand now (a kiosk's offer can make one). */
export async function fieldFormsOf(db: Kysely<Database>, eventIds: Iterable<string>): Promise<FieldForms> {
  const events = [...new Set(eventIds)];
  const keys = new Set<string>();
  if (events.length > 0) {
    // Both at once: on PostgreSQL each is a round trip of a push that waits for them.
    const [heritage, devices] = await Promise.all([
      db
        .selectFrom('forms')
        .select(['event_id', 'form_id'])
        .where('event_id', 'in', events)
        .where('kind', '=', 'heritage')
        .execute(),
      db
        .selectFrom('devices')
        .select(['event_id', 'offered_forms'])
        .where('event_id', 'in', events)
        .execute(),
    ]);
    for (const row of heritage) keys.add(key(row.event_id, row.form_id));
    for (const device of devices) {
      for (const offered of OfferedFormsSchema.parse(JSON.parse(device.offered_forms))) {
        if (offered.staffOnly === true) keys.add(key(device.event_id, offered.formId));
      }
    }
  }
  return { has: (eventId, formId) => keys.has(key(eventId, formId)) };
}

/** A kiosk that offers a field form of its event pulls the event's field records. */
export async function runsFieldForms(db: Kysely<Database>, device: Database['devices']): Promise<boolean> {
  const fieldForms = await fieldFormsOf(db, [device.event_id]);
  return OfferedFormsSchema.parse(JSON.parse(device.offered_forms)).some((offered) =>
    fieldForms.has(device.event_id, offered.formId),
  );
}
