// A kiosk's set-up as people change it — from the console, through /v1 or with `quiosco admin` —
// each change made and audited in one call and one transaction, so that every way in leaves the
// same trace and no change is ever written without its entry.
import type { KioskMode } from '../../shared/kiosk/kiosk-settings';
import type { AssignDeviceRequest, Device } from '../../shared/sync/admin-api';
import { audit, auditChanges } from '../console/audit';
import { inOneTransaction, type ServerDb } from '../db/server-database';
import { assignDevice, createEnrolCode, revokeDevice, setDeviceMode } from './devices-store';

/** The fields of a kiosk a set-up change may move, named in its audit entry as [before, after]. */
const ASSIGNED = ['eventId', 'offeredForms', 'mode'] as const;

/** Audits what a change did to a kiosk; a change that changed nothing leaves no entry. */
async function auditKioskChange(
  s: ServerDb,
  action: 'kiosk_assigned' | 'kiosk_mode_set',
  change: { before: Device; after: Device },
  actor: string,
  now: Date,
): Promise<Device> {
  const { before, after } = change;
  const detail = { deviceId: after.id, name: after.name };
  await auditChanges(s, { actor, action, detail }, { before, after, fields: ASSIGNED }, now);
  return after;
}

/** Moves a kiosk to an event and chooses the forms it offers (and, if given, its mode). */
export async function assignKiosk(
  s: ServerDb,
  deviceId: string,
  input: AssignDeviceRequest,
  actor: string,
  now = new Date(),
): Promise<Device> {
  return inOneTransaction(s, async (t) =>
    auditKioskChange(t, 'kiosk_assigned', await assignDevice(t, deviceId, input, now), actor, now),
  );
}

/** Makes a kiosk a door or a visitor kiosk. */
export async function setKioskMode(
  s: ServerDb,
  deviceId: string,
  mode: KioskMode,
  actor: string,
  now = new Date(),
): Promise<Device> {
  return inOneTransaction(s, async (t) =>
    auditKioskChange(t, 'kiosk_mode_set', await setDeviceMode(t, deviceId, mode, now), actor, now),
  );
}

export async function revokeKiosk(
  s: ServerDb,
  deviceId: string,
  actor: string,
  now = new Date(),
): Promise<Device> {
  return inOneTransaction(s, async (t) => {
    const device = await revokeDevice(t, deviceId, now);
    await audit(
      t,
      { actor, action: 'kiosk_revoked', detail: { deviceId: device.id, name: device.name } },
      now,
    );
    return device;
  });
}

/** A one-time enrolment code; the audit keeps its event, expiry and the server named, never the code. */
export async function issueEnrolCode(
  s: ServerDb,
  input: { eventId: string; expiresInSeconds?: number | undefined; server?: string | undefined },
  actor: string,
  now = new Date(),
): Promise<{ code: string; eventId: string; expiresAt: string }> {
  return inOneTransaction(s, async (t) => {
    const created = await createEnrolCode(t, input, now);
    const { eventId, expiresAt } = created;
    const detail = { eventId, expiresAt, ...(input.server !== undefined && { server: input.server }) };
    await audit(t, { actor, action: 'enrol_code_created', detail }, now);
    return created;
  });
}
