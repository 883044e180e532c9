// Enrolment and revocation on SQLite and PostgreSQL.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceResponseSchema, EnrolCodeResponseSchema } from '../shared/sync/admin-api';
import {
  EnrolResponseSchema,
  ErrorBodySchema,
  PullResponseSchema,
  PushResponseSchema,
} from '../shared/sync/protocol';
import { createEnrolCode } from './devices/devices-store';
import { DB_KINDS, openServerForTest, surveyChanges, type TestServer } from './testing/test-server';

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;

describe.each(DB_KINDS)('enrolment on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico', 'registro-visitantes']);
  });
  afterAll(async () => {
    await t?.close();
  });

  const newCode = async () => {
    const response = await t.call('POST', `/v1/events/${eventId}/enrol-codes`, {
      token: await t.tokenFor('coordinator'),
      body: { expiresInSeconds: 900 },
    });
    expect(response.status).toBe(201);
    return EnrolCodeResponseSchema.parse(response.body);
  };
  const enrol = (code: string, deviceId: string, deviceName = 'Kiosco 1') =>
    t.call('POST', '/v1/enrol', { body: { code, deviceId, deviceName } });
  const pull = (token: string) => t.call('GET', '/v1/sync/pull', { token });

  it('hands a kiosk its token and event for a fresh code, and the token syncs', async () => {
    const { code, expiresAt } = await newCode();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(14 * 60_000);
    const deviceId = uuidv7();
    const response = await enrol(code, deviceId);
    expect(response.status).toBe(200);
    const enrolled = EnrolResponseSchema.parse(response.body);
    expect(enrolled).toMatchObject({ deviceId, eventId });
    expect(enrolled.deviceToken).toMatch(/^qdev_/);
    const pulled = await pull(enrolled.deviceToken);
    expect(pulled.status).toBe(200);
    const config = PullResponseSchema.parse(pulled.body).changes.find((c) => c.kind === 'device_config');
    expect(config?.payload).toEqual({
      deviceId,
      deviceName: 'Kiosco 1',
      eventId,
      offeredForms: [
        { formId: 'encuesta_impacto_economico', onIdle: 'discard' },
        { formId: 'registro_visitantes', onIdle: 'discard' },
      ],
      mode: 'visitor',
    });
  });

  it('reads a code typed loosely: lower case, spaces, O for 0 and I or L for 1', async () => {
    const { code } = await newCode();
    const typed = code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect((await enrol(typed, uuidv7())).status).toBe(200);
  });

  it('refuses a code another kiosk already used with 409, creating no device', async () => {
    const { code } = await newCode();
    expect((await enrol(code, uuidv7())).status).toBe(200);
    const devices = await t.count('devices');
    const second = await enrol(code, uuidv7());
    expect(second.status).toBe(409);
    expect(errorOf(second.body)).toMatchObject({ code: 'enrol_code_used', field: 'code' });
    expect(await t.count('devices')).toBe(devices);
  });

  it('refuses a spent code even to the kiosk that spent it (first answer lost): it needs a new code', async () => {
    const { code } = await newCode();
    const deviceId = uuidv7();
    const first = EnrolResponseSchema.parse((await enrol(code, deviceId)).body);
    const retry = await enrol(code, deviceId);
    expect(retry.status).toBe(409);
    expect(errorOf(retry.body)).toMatchObject({ code: 'enrol_code_used', field: 'code' });
    expect((await pull(first.deviceToken)).status).toBe(200);
    // A code made after its enrolment enrols it again: a new token, the old one dead.
    const again = EnrolResponseSchema.parse((await enrol((await newCode()).code, deviceId)).body);
    expect((await pull(again.deviceToken)).status).toBe(200);
    const stale = await pull(first.deviceToken);
    expect(stale.status).toBe(401);
    expect(errorOf(stale.body).code).toBe('unauthenticated');
  });

  it('refuses an expired code with 410 and an unknown one with 400', async () => {
    const anHourAgo = new Date(Date.now() - 3600_000);
    const expired = await createEnrolCode(t.server.db, { eventId, expiresInSeconds: 900 }, anHourAgo);
    const devices = await t.count('devices');
    const late = await enrol(expired.code, uuidv7());
    expect(late.status).toBe(410);
    expect(errorOf(late.body)).toMatchObject({ code: 'enrol_code_expired', field: 'code' });
    expect(errorOf(late.body).message).toContain('ask the coordinator for a new one');
    const unknown = await enrol('ABCD-EFGH-JKMN', uuidv7());
    expect(unknown.status).toBe(400);
    expect(errorOf(unknown.body)).toMatchObject({ code: 'enrol_code_invalid', field: 'code' });
    const malformed = await enrol('12', uuidv7());
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.body)).toMatchObject({ code: 'invalid_input', field: 'code' });
    expect(await t.count('devices')).toBe(devices);
  });

  it('refuses a revoked kiosk with 401 device_revoked on every sync call, and a new code does not lift it', async () => {
    const device = await t.enrol(eventId);
    const pushed = await t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes: surveyChanges(device, 1, 3) },
    });
    expect(PushResponseSchema.parse(pushed.body).ackedThroughSeq).toBe(3);

    const revoked = await t.call('POST', `/v1/devices/${device.deviceId}/revoke`, {
      token: await t.tokenFor('coordinator'),
    });
    expect(revoked.status).toBe(200);
    expect(DeviceResponseSchema.parse(revoked.body).device.revokedAt).not.toBeNull();

    const refusedPush = await t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes: surveyChanges(device, 4, 1) },
    });
    const refusedPull = await pull(device.token);
    for (const response of [refusedPush, refusedPull]) {
      expect(response.status).toBe(401);
      expect(errorOf(response.body).code).toBe('device_revoked');
      expect(errorOf(response.body).message).toContain('revoked by the coordinator');
    }
    expect(await t.count('submissions', { deviceId: device.deviceId })).toBe(3);

    // A revocation is for good: a new code does not enrol the device id again, nor spend the code.
    const { code } = await newCode();
    const again = await enrol(code, device.deviceId);
    expect(again.status).toBe(401);
    expect(errorOf(again.body)).toMatchObject({ code: 'device_revoked', field: 'deviceId' });
    expect((await pull(device.token)).status).toBe(401);
    expect((await enrol(code, uuidv7())).status).toBe(200);
  });

  it('refuses an enrolment code for an unknown event with 404', async () => {
    const response = await t.call('POST', '/v1/events/no_such_event/enrol-codes', {
      token: await t.tokenFor('admin'),
      body: {},
    });
    expect(response.status).toBe(404);
    expect(errorOf(response.body).code).toBe('not_found');
  });
});
