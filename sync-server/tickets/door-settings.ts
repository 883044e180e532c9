// An event's door rules (one check-in list per event) and the capacity occupancy is measured
// against. Doors get them as a 'door_config' pull change; an event never set has the defaults.
import type { Kysely } from 'kysely';
import { DEFAULT_DOOR_CONFIG, type DoorConfigPayload } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/server-database';
import type { Database, DatabaseKind } from '../db/schema';
import { requireEvent } from '../events/events-store';
import { appendChanges } from '../sync/change-log';
import { parseOrThrow } from '../validation';
import { defaultVenueId } from '../venues/default-venue';
import { doorVenueList } from '../venues/door-venues';
import { DoorSettingsRequestSchema, type DoorSettingsRequest } from './ticket-api';

export async function doorConfig(db: Kysely<Database>, eventId: string): Promise<DoorConfigPayload> {
  const row = await db
    .selectFrom('door_settings')
    .selectAll()
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  if (row === undefined) return { eventId, ...DEFAULT_DOOR_CONFIG };
  return {
    eventId,
    capacity: row.capacity,
    rules: { allowReentry: row.allow_reentry === 1, acceptPasses: row.accept_passes === 1 },
  };
}

/** Changes what the request names and keeps the rest; kiosks get the result at their next pull. */
export async function setDoorSettings(
  s: ServerDb,
  eventId: string,
  input: DoorSettingsRequest,
  now = new Date(),
): Promise<DoorConfigPayload> {
  const patch = parseOrThrow(DoorSettingsRequestSchema, input, 'body');
  return s.transaction((trx) => writeDoorSettings(trx, s.kind, eventId, patch, now));
}

/** setDoorSettings inside a transaction the caller holds (a venue edit changes the capacity too). */
export async function writeDoorSettings(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  eventId: string,
  patch: DoorSettingsRequest,
  now: Date,
): Promise<DoorConfigPayload> {
  await requireEvent(trx, eventId);
  const before = await doorConfig(trx, eventId);
  const after: DoorConfigPayload = {
    eventId,
    capacity: patch.capacity === undefined ? before.capacity : patch.capacity,
    rules: {
      allowReentry: patch.allowReentry ?? before.rules.allowReentry,
      acceptPasses: patch.acceptPasses ?? before.rules.acceptPasses,
    },
  };
  if (JSON.stringify(after) === JSON.stringify(before)) return after;
  const row = {
    event_id: eventId,
    capacity: after.capacity,
    allow_reentry: after.rules.allowReentry ? 1 : 0,
    accept_passes: after.rules.acceptPasses ? 1 : 0,
    updated_at: now.toISOString(),
  };
  await trx
    .insertInto('door_settings')
    .values(row)
    .onConflict((oc) => oc.column('event_id').doUpdateSet(row))
    .execute();
  // The event's capacity is its default venue's: one number, kept in both places in one transaction.
  await trx
    .updateTable('venues')
    .set({ capacity: after.capacity })
    .where('id', '=', defaultVenueId(eventId))
    .execute();
  await publishDoorConfig(trx, kind, eventId, now);
  return after;
}

/**
 * Appends the event's door config with its venues to the door stream (last in the caller's
 * transaction): every door of the event picks its own venue from it at its next pull.
 */
export async function publishDoorConfig(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  eventId: string,
  now: Date,
): Promise<void> {
  const payload = { ...(await doorConfig(trx, eventId)), venues: await doorVenueList(trx, eventId) };
  await appendChanges(trx, kind, [{ kind: 'door_config', id: eventId, payload, scope: { eventId } }], now);
}
