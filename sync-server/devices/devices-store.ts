// Kiosks: one-time enrolment codes, enrolment (which hands out the device token), assignment to
// an event and its forms, door or visitor mode, revocation. Whatever a kiosk must apply goes down the pull log.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { OfferedFormSchema, type KioskMode, type OfferedForm } from '../../shared/kiosk/kiosk-settings';
import {
  AssignDeviceRequestSchema,
  EnrolCodeRequestSchema,
  type AssignDeviceRequest,
  type Device,
} from '../../shared/sync/admin-api';
import {
  EnrolRequestSchema,
  formatEnrolCode,
  type DeviceConfigPayload,
  type EnrolRequest,
} from '../../shared/sync/protocol';
import { DEVICE_TOKEN_PREFIX, newEnrolCode, newToken, sha256 } from '../auth/secrets';
import type { ServerDb } from '../db/server-database';
import type { Database } from '../db/schema';
import { requireOpenEvent } from '../events/event-details';
import { eventFormIds, eventFormPayloads, formChangeId, requireEvent } from '../events/events-store';
import { appendChanges, type NewChange } from '../sync/change-log';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';

type DeviceRow = Database['devices'];

export async function createEnrolCode(
  s: ServerDb,
  input: { eventId: string; expiresInSeconds?: number | undefined },
  now = new Date(),
): Promise<{ code: string; eventId: string; expiresAt: string }> {
  const { expiresInSeconds } = parseOrThrow(
    EnrolCodeRequestSchema,
    { expiresInSeconds: input.expiresInSeconds },
    'expiresInSeconds',
  );
  await requireOpenEvent(s.db, input.eventId);
  const code = newEnrolCode();
  const expiresAt = new Date(now.getTime() + expiresInSeconds * 1000).toISOString();
  await s.db
    .insertInto('enrol_codes')
    .values({
      code_hash: sha256(code),
      event_id: input.eventId,
      created_at: now.toISOString(),
      expires_at: expiresAt,
      used_at: null,
      used_by_device: null,
    })
    .execute();
  return { code: formatEnrolCode(code), eventId: input.eventId, expiresAt };
}

/**
 * Spends an enrolment code on a kiosk and returns its new device token. A code enrols once: a
 * spent one never hands out a token again, even to the kiosk that spent it. A device id enrolled
 * already (ids are not secret) is enrolled again only by a caller holding its current token
 * (`presentedToken`) or a code created since its last enrolment; it keeps its id and push
 * sequence, and its earlier token stops working. A revoked device id stays revoked.
 */
export async function enrolDevice(
  s: ServerDb,
  input: EnrolRequest,
  now = new Date(),
  presentedToken?: string,
): Promise<{ deviceId: string; deviceToken: string; eventId: string }> {
  const { code, deviceId, deviceName, mode } = parseOrThrow(EnrolRequestSchema, input, 'body');
  const token = newToken(DEVICE_TOKEN_PREFIX);
  const at = now.toISOString();
  return s.transaction(async (trx) => {
    let query = trx.selectFrom('enrol_codes').selectAll().where('code_hash', '=', sha256(code));
    if (s.kind === 'postgres') query = query.forUpdate();
    const found = await query.executeTakeFirst();
    if (found === undefined) {
      throw new SyncError(
        'enrol_code_invalid',
        'This enrolment code is not known: check it was typed right',
        {
          field: 'code',
        },
      );
    }
    if (found.expires_at <= at) {
      throw new SyncError(
        'enrol_code_expired',
        `This enrolment code expired at ${found.expires_at}: ask the coordinator for a new one`,
        { field: 'code' },
      );
    }
    if (found.used_at !== null) {
      throw new SyncError(
        'enrol_code_used',
        'This enrolment code was used already (a code enrols one kiosk, once): ask the coordinator for a new one',
        { field: 'code' },
      );
    }
    // A code made before its event was archived enrols nothing after.
    await requireOpenEvent(trx, found.event_id);
    const existing = await selectDevice(trx, deviceId);
    if (existing !== undefined) requireReenrolment(existing, found.created_at, presentedToken);
    await trx
      .updateTable('enrol_codes')
      .set({ used_at: at, used_by_device: deviceId })
      .where('code_hash', '=', found.code_hash)
      .execute();

    const eventId = found.event_id;
    if (existing === undefined) {
      await trx
        .insertInto('devices')
        .values({
          id: deviceId,
          name: deviceName,
          event_id: eventId,
          offered_forms: JSON.stringify(await defaultOfferedForms(trx, eventId)),
          token_hash: sha256(token),
          enrolled_at: at,
          revoked_at: null,
          last_seq: 0,
          last_push_at: null,
          last_seen_at: null,
          backlog: null,
          app_version: null,
          protocol_version: null,
          mode: mode ?? 'visitor',
        })
        .execute();
    } else {
      const moved = existing.event_id !== eventId;
      await trx
        .updateTable('devices')
        .set({
          name: deviceName,
          event_id: eventId,
          token_hash: sha256(token),
          enrolled_at: at,
          ...(mode !== undefined && { mode }),
          ...(moved && { offered_forms: JSON.stringify(await defaultOfferedForms(trx, eventId)) }),
        })
        .where('id', '=', deviceId)
        .execute();
    }
    const device = await requireDevice(trx, deviceId);
    const changes = await assignmentChanges(
      trx,
      device,
      existing !== undefined && existing.event_id !== eventId,
    );
    await trx
      .insertInto('device_events')
      .values({ device_id: deviceId, event_id: eventId, assigned_at: at })
      .onConflict((oc) => oc.columns(['device_id', 'event_id']).doNothing())
      .execute();
    await appendChanges(trx, s.kind, changes, now);
    return { deviceId, deviceToken: token, eventId };
  });
}

/** Refuses to enrol an existing device id again unless the caller shows it may (see enrolDevice). */
function requireReenrolment(
  existing: DeviceRow,
  codeCreatedAt: string,
  presentedToken: string | undefined,
): void {
  if (existing.revoked_at !== null) {
    throw new SyncError(
      'device_revoked',
      `Kiosk ${existing.id} was revoked at ${existing.revoked_at} and stays revoked: enrol it under a new device id`,
      { field: 'deviceId' },
    );
  }
  const holdsToken = presentedToken !== undefined && sha256(presentedToken) === existing.token_hash;
  if (!holdsToken && codeCreatedAt < existing.enrolled_at) {
    throw new SyncError(
      'forbidden',
      `Kiosk ${existing.id} is enrolled already: enrolling it again needs its current token (Authorization: Bearer) or an enrolment code created after ${existing.enrolled_at}`,
      { field: 'deviceId' },
    );
  }
}

/**
 * Moves a kiosk to an event and sets the forms it offers; the kiosk gets it at its next pull.
 * Answers the kiosk as it was and as it is now.
 */
export async function assignDevice(
  s: ServerDb,
  deviceId: string,
  input: AssignDeviceRequest,
  now = new Date(),
): Promise<{ before: Device; after: Device }> {
  const { eventId, offeredForms, mode } = parseOrThrow(AssignDeviceRequestSchema, input, 'body');
  return s.transaction(async (trx) => {
    const before = await requireDevice(trx, deviceId);
    await requireOpenEvent(trx, eventId);
    const attached = new Set(await eventFormIds(trx, eventId));
    offeredForms.forEach((f, i) => {
      if (!attached.has(f.formId)) {
        throw new SyncError(
          'invalid_input',
          `offeredForms.${i}.formId: form ${f.formId} is not attached to event ${eventId}`,
          {
            field: `offeredForms.${i}.formId`,
          },
        );
      }
    });
    await trx
      .updateTable('devices')
      .set({ event_id: eventId, offered_forms: JSON.stringify(offeredForms), ...(mode && { mode }) })
      .where('id', '=', deviceId)
      .execute();
    await trx
      .insertInto('device_events')
      .values({ device_id: deviceId, event_id: eventId, assigned_at: now.toISOString() })
      .onConflict((oc) => oc.columns(['device_id', 'event_id']).doNothing())
      .execute();
    const device = await requireDevice(trx, deviceId);
    await appendChanges(trx, s.kind, await assignmentChanges(trx, device, before.event_id !== eventId), now);
    return { before: toDevice(before), after: toDevice(device) };
  });
}

/**
 * Makes a kiosk a door (door stream, scans) or a visitor kiosk; it learns so at its next pull.
 * Answers the kiosk as it was and as it is now.
 */
export async function setDeviceMode(
  s: ServerDb,
  deviceId: string,
  mode: KioskMode,
  now = new Date(),
): Promise<{ before: Device; after: Device }> {
  return s.transaction(async (trx) => {
    const before = await requireDevice(trx, deviceId);
    await trx.updateTable('devices').set({ mode }).where('id', '=', deviceId).execute();
    const device = await requireDevice(trx, deviceId);
    await appendChanges(trx, s.kind, await assignmentChanges(trx, device, false), now);
    return { before: toDevice(before), after: toDevice(device) };
  });
}

/** A revoked kiosk is refused from its next request on, with a message saying so. */
export async function revokeDevice(s: ServerDb, deviceId: string, now = new Date()): Promise<Device> {
  await requireDevice(s.db, deviceId);
  await s.db
    .updateTable('devices')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .execute();
  return toDevice(await requireDevice(s.db, deviceId));
}

export async function listDevices(
  s: ServerDb,
  filter: { eventId?: string | undefined } = {},
): Promise<Device[]> {
  let query = s.db.selectFrom('devices').selectAll().orderBy('enrolled_at').orderBy('id');
  if (filter.eventId !== undefined) query = query.where('event_id', '=', filter.eventId);
  return (await query.execute()).map(toDevice);
}

export async function findDeviceByToken(db: Kysely<Database>, token: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst();
}

/** How often "last seen" is written for a kiosk that only polls: often enough for a status page. */
const SEEN_EVERY_MS = 30_000;

/** What a kiosk tells about itself with each call: its app, protocol and (when pushing) backlog. */
export type DeviceSeen = { appVersion: string; protocolVersion: number; backlog?: number | undefined };

export function seenColumns(seen: DeviceSeen, now: Date) {
  return {
    last_seen_at: now.toISOString(),
    app_version: seen.appVersion,
    protocol_version: seen.protocolVersion,
    ...(seen.backlog !== undefined && { backlog: seen.backlog }),
  };
}

/** Notes that a kiosk called, outside any push transaction; throttled so idle polls stay reads. */
export async function recordDeviceSeen(
  db: Kysely<Database>,
  device: DeviceRow,
  seen: DeviceSeen,
  now: Date,
): Promise<void> {
  const stale =
    device.last_seen_at === null || now.getTime() - Date.parse(device.last_seen_at) >= SEEN_EVERY_MS;
  const changed =
    device.app_version !== seen.appVersion ||
    device.protocol_version !== seen.protocolVersion ||
    (seen.backlog !== undefined && seen.backlog !== device.backlog);
  if (!stale && !changed) return;
  await db.updateTable('devices').set(seenColumns(seen, now)).where('id', '=', device.id).execute();
}

/** Events a kiosk may push records for: every event it has been assigned to. */
export async function deviceEventIds(db: Kysely<Database>, deviceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('device_events')
    .select('event_id')
    .where('device_id', '=', deviceId)
    .execute();
  return new Set(rows.map((r) => r.event_id));
}

export function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    eventId: row.event_id,
    offeredForms: z.array(OfferedFormSchema).parse(JSON.parse(row.offered_forms)),
    mode: row.mode,
    enrolledAt: row.enrolled_at,
    revokedAt: row.revoked_at,
    ackedThroughSeq: row.last_seq,
    lastPushAt: row.last_push_at,
    lastSeenAt: row.last_seen_at,
    backlog: row.backlog,
    appVersion: row.app_version,
    protocolVersion: row.protocol_version,
  };
}

export function deviceConfig(row: DeviceRow): DeviceConfigPayload {
  const device = toDevice(row);
  return {
    deviceId: device.id,
    deviceName: device.name,
    eventId: device.eventId,
    offeredForms: device.offeredForms,
    mode: device.mode,
  };
}

export function selectDevice(db: Kysely<Database>, deviceId: string): Promise<DeviceRow | undefined> {
  return db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
}

export async function requireDevice(db: Kysely<Database>, deviceId: string): Promise<DeviceRow> {
  const row = await selectDevice(db, deviceId);
  if (row === undefined) throw new SyncError('not_found', `no device ${deviceId}`);
  return row;
}

/** A new kiosk offers every form of its event (in form id order); staff can change that. */
export async function defaultOfferedForms(db: Kysely<Database>, eventId: string): Promise<OfferedForm[]> {
  return (await eventFormIds(db, eventId)).map((formId) => ({ formId, onIdle: 'discard' }));
}

/**
 * The kiosk's new configuration, and when it moved to another event, that event and its forms
 * addressed to it alone: the event's own rows may lie behind the kiosk's cursor already.
 */
export async function assignmentChanges(
  db: Kysely<Database>,
  device: DeviceRow,
  moved: boolean,
): Promise<NewChange[]> {
  const scope = { deviceId: device.id };
  const changes: NewChange[] = [];
  if (moved) {
    const event = await requireEvent(db, device.event_id);
    changes.push({ kind: 'event', id: event.id, payload: { id: event.id, name: event.name }, scope });
    for (const payload of await eventFormPayloads(db, device.event_id)) {
      changes.push({ kind: 'form', id: formChangeId(payload.definition), payload, scope });
    }
  }
  changes.push({ kind: 'device_config', id: device.id, payload: deviceConfig(device), scope });
  return changes;
}
