// An event's venues: adding, renaming, capacity, archiving and restoring, and which venue a door
// kiosk guards. Every change is checked whole before anything is written.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  KioskVenueRequestSchema,
  VenueCreateSchema,
  VenueEditSchema,
  type Venue,
  type VenueCreate,
  type VenueEdit,
} from '../../shared/console/venues-api';
import type { Database } from '../db/schema';
import type { ServerDb } from '../db/server-database';
import { requireDevice } from '../devices/devices-store';
import { requireEvent } from '../events/events-store';
import { SyncError } from '../sync-error';
import { publishDoorConfig, writeDoorSettings } from '../tickets/door-settings';
import { parseOrThrow } from '../validation';

type VenueRow = Database['venues'];

const toVenue = (r: VenueRow): Venue => ({
  id: r.id,
  eventId: r.event_id,
  name: r.name,
  capacity: r.capacity,
  isDefault: r.is_default === 1,
  archivedAt: r.archived_at,
});

/** The default venue first, then by name; archived ones only when asked for. */
export async function listVenues(s: ServerDb, eventId: string, archived = false): Promise<Venue[]> {
  await requireEvent(s.db, eventId);
  return (await venueRows(s.db, eventId, archived)).map(toVenue);
}

/** The event's door kiosks (not revoked) and the venue each guards. */
export async function doorVenues(
  s: ServerDb,
  eventId: string,
): Promise<{ deviceId: string; name: string; venueId: string | null }[]> {
  const rows = await s.db
    .selectFrom('devices')
    .select(['id', 'name', 'venue_id'])
    .where('event_id', '=', eventId)
    .where('mode', '=', 'door')
    .where('revoked_at', 'is', null)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ deviceId: r.id, name: r.name, venueId: r.venue_id ?? null }));
}

export async function venueRows(
  db: Kysely<Database>,
  eventId: string,
  archived: boolean,
): Promise<VenueRow[]> {
  let query = db
    .selectFrom('venues')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('is_default', 'desc')
    .orderBy('name')
    .orderBy('id');
  if (!archived) query = query.where('archived_at', 'is', null);
  return query.execute();
}

export async function createVenue(
  s: ServerDb,
  eventId: string,
  input: VenueCreate,
  now = new Date(),
): Promise<Venue> {
  const venue = parseOrThrow(VenueCreateSchema, input, 'body');
  return s.transaction(async (trx) => {
    await requireEvent(trx, eventId);
    await requireUniqueName(trx, eventId, venue.name);
    const row: VenueRow = {
      id: randomUUID(),
      event_id: eventId,
      name: venue.name,
      capacity: venue.capacity,
      is_default: 0,
      archived_at: null,
      created_at: now.toISOString(),
    };
    await trx.insertInto('venues').values(row).execute();
    return toVenue(row);
  });
}

/** Changes what the edit names; answers the venue before and after (for the audit log). */
export async function editVenue(
  s: ServerDb,
  eventId: string,
  venueId: string,
  input: VenueEdit,
  now = new Date(),
): Promise<{ before: Venue; after: Venue }> {
  const edit = parseOrThrow(VenueEditSchema, input, 'body');
  return s.transaction(async (trx) => {
    await requireEvent(trx, eventId);
    const row = await requireVenue(trx, eventId, venueId);
    if (edit.name !== undefined && edit.name.toLowerCase() !== row.name.toLowerCase()) {
      await requireUniqueName(trx, eventId, edit.name);
    }
    if (edit.archived === true && row.archived_at === null) await requireArchivable(trx, row);
    const archivedAt =
      edit.archived === undefined
        ? row.archived_at
        : edit.archived
          ? (row.archived_at ?? now.toISOString())
          : null;
    const next: VenueRow = {
      ...row,
      name: edit.name ?? row.name,
      capacity: edit.capacity === undefined ? row.capacity : edit.capacity,
      archived_at: archivedAt,
    };
    await trx
      .updateTable('venues')
      .set({ name: next.name, capacity: next.capacity, archived_at: next.archived_at })
      .where('id', '=', venueId)
      .execute();
    // The default venue's capacity is the door rules' one: doors of the previous protocol get it there.
    if (row.is_default === 1 && next.capacity !== row.capacity) {
      await writeDoorSettings(trx, s.kind, eventId, { capacity: next.capacity }, now);
    } else if (JSON.stringify(next) !== JSON.stringify(row)) {
      await publishDoorConfig(trx, s.kind, eventId, now);
    }
    return { before: toVenue(row), after: toVenue(next) };
  });
}

/** Puts a door kiosk at a venue of its event (null: the default venue). */
export async function setKioskVenue(
  s: ServerDb,
  deviceId: string,
  input: { venueId: string | null },
  now = new Date(),
): Promise<{ deviceId: string; venueId: string | null }> {
  const { venueId } = parseOrThrow(KioskVenueRequestSchema, input, 'body');
  return s.transaction(async (trx) => {
    const device = await requireDevice(trx, deviceId);
    if (device.mode !== 'door') {
      throw new SyncError(
        'invalid_input',
        `kiosk ${device.name} is a visitor kiosk: only door kiosks guard a venue`,
        { field: 'deviceId' },
      );
    }
    if (venueId !== null) {
      const venue = await requireVenue(trx, device.event_id, venueId, 'venueId');
      if (venue.archived_at !== null) {
        throw new SyncError('invalid_input', `venueId: venue ${venue.name} is archived`, {
          field: 'venueId',
        });
      }
    }
    if ((device.venue_id ?? null) !== venueId) {
      await trx.updateTable('devices').set({ venue_id: venueId }).where('id', '=', device.id).execute();
      await publishDoorConfig(trx, s.kind, device.event_id, now);
    }
    return { deviceId: device.id, venueId };
  });
}

async function requireVenue(
  db: Kysely<Database>,
  eventId: string,
  venueId: string,
  field = 'venueId',
): Promise<VenueRow> {
  const row = await db
    .selectFrom('venues')
    .selectAll()
    .where('id', '=', venueId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  if (row === undefined)
    throw new SyncError('not_found', `no venue ${venueId} in event ${eventId}`, { field });
  return row;
}

/** Names are unique per event whatever their case, archived venues included (a restore must not clash). */
async function requireUniqueName(db: Kysely<Database>, eventId: string, name: string): Promise<void> {
  const rows = await db.selectFrom('venues').select('name').where('event_id', '=', eventId).execute();
  if (rows.some((r) => r.name.toLowerCase() === name.toLowerCase())) {
    throw new SyncError('conflict', `name: event ${eventId} already has a venue named ${name}`, {
      field: 'name',
    });
  }
}

async function requireArchivable(db: Kysely<Database>, row: VenueRow): Promise<void> {
  if (row.is_default === 1) {
    throw new SyncError(
      'invalid_input',
      `archived: ${row.name} is the default venue (door kiosks with no venue count for it); it cannot be archived`,
      { field: 'archived' },
    );
  }
  const doors = await db
    .selectFrom('devices')
    .select('name')
    .where('venue_id', '=', row.id)
    .where('revoked_at', 'is', null)
    .orderBy('name')
    .execute();
  if (doors.length > 0) {
    throw new SyncError(
      'conflict',
      `archived: ${row.name} is guarded by ${doors.map((d) => d.name).join(', ')}: put those door kiosks at another venue first`,
      { field: 'archived' },
    );
  }
}
