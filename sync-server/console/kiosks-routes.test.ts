// The console's kiosk set-up over real HTTP on SQLite and PostgreSQL: the enrolment QR a kiosk
// enrols with (read back from its PNG), revoking a kiosk, who may, CSRF, bad input, the audit.
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_REFUSAL } from '../../shared/console/console-api';
import { EnrolQrResponseSchema, KioskRevokeResponseSchema } from '../../shared/console/setup-api';
import type { Role } from '../../shared/sync/admin-api';
import { EnrolResponseSchema, ErrorBodySchema, parseEnrolText } from '../../shared/sync/protocol';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { listAudit } from './audit';
import { signedInRoles, type SignedIn } from './testing/signed-in';

function readQr(dataUrl: string): string | undefined {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

describe.each(DB_KINDS)('console kiosk set-up on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let as: (role: Role) => SignedIn;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico']);
    as = await signedInRoles(t, ['coordinator', 'statistician', 'door_supervisor']);
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const enrolCodes = async () =>
    Number(
      (
        await t.server.db.db
          .selectFrom('enrol_codes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('shows a QR code that carries the code and the server address, and a kiosk enrols with it', async () => {
    const r = await as('coordinator').call('POST', '/console/api/enrol-codes', {
      body: { eventId, expiresInSeconds: 600 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const qr = EnrolQrResponseSchema.parse(r.body);
    expect(qr.server).toBe(t.url);
    expect(Date.parse(qr.expiresAt) - Date.parse(qr.serverTime)).toBeGreaterThan(590_000);
    const scanned = readQr(qr.qrImage);
    expect(scanned).toBe(qr.qrText);
    const parsed = parseEnrolText(scanned ?? '');
    expect(parsed).toEqual({ code: qr.code.replace(/-/g, ''), server: t.url });
    const enrolled = await t.call('POST', '/v1/enrol', {
      body: { code: parsed?.code, deviceId: uuidv7(), deviceName: 'Kiosco del QR' },
    });
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(200);
    expect(EnrolResponseSchema.parse(enrolled.body).eventId).toBe(eventId);
    const entry = (await listAudit(t.server.db)).find((a) => a.action === 'enrol_code_created');
    expect(entry).toMatchObject({ actor: 'coordinator', detail: { eventId, server: t.url } });
    expect(JSON.stringify(entry)).not.toContain(qr.code);
  });

  it('puts the address given in the QR code, and refuses one that is not an http(s) address', async () => {
    const given = await as('coordinator').call('POST', '/console/api/enrol-codes', {
      body: { eventId, server: 'http://192.168.1.10:7040' },
    });
    expect(given.status).toBe(201);
    expect(EnrolQrResponseSchema.parse(given.body).qrText).toContain(
      `server=${encodeURIComponent('http://192.168.1.10:7040/')}`,
    );
    const before = await enrolCodes();
    const bad = await as('coordinator').call('POST', '/console/api/enrol-codes', {
      body: { eventId, server: 'javascript:alert(1)' },
    });
    expect([bad.status, errorOf(bad)]).toEqual([
      400,
      {
        code: 'invalid_input',
        message: 'server: an address like http://192.168.1.10:7040/',
        field: 'server',
      },
    ]);
    const short = await as('coordinator').call('POST', '/console/api/enrol-codes', {
      body: { eventId, expiresInSeconds: 5 },
    });
    expect([short.status, errorOf(short).field]).toEqual([400, 'expiresInSeconds']);
    const unknown = await as('coordinator').call('POST', '/console/api/enrol-codes', {
      body: { eventId: 'no_such_event' },
    });
    expect([unknown.status, errorOf(unknown).message]).toEqual([404, 'no event no_such_event']);
    expect(await enrolCodes()).toBe(before);
  });

  it('refuses statisticians, door supervisors and a request without the CSRF header', async () => {
    const before = await enrolCodes();
    for (const role of ['statistician', 'door_supervisor'] as const) {
      const r = await as(role).call('POST', '/console/api/enrol-codes', { body: { eventId } });
      expect([r.status, errorOf(r).message]).toEqual([
        403,
        `The ${role} role may not do this; it needs admin or coordinator`,
      ]);
    }
    const forged = await as('coordinator').call('POST', '/console/api/enrol-codes', {
      body: { eventId },
      headers: { [CSRF_HEADER]: undefined },
    });
    expect([forged.status, errorOf(forged).message]).toEqual([403, CSRF_REFUSAL]);
    expect(await enrolCodes()).toBe(before);
  });

  it('revokes a kiosk: its next sync is refused, the revocation is audited; others may not', async () => {
    const kiosk = await t.enrol(eventId, 'Kiosco a revocar');
    const path = `/console/api/kiosks/${kiosk.deviceId}/revoke`;
    for (const role of ['statistician', 'door_supervisor'] as const) {
      expect((await as(role).call('POST', path)).status, role).toBe(403);
    }
    const forged = await as('coordinator').call('POST', path, { headers: { [CSRF_HEADER]: 'guessed' } });
    expect(forged.status).toBe(403);
    const stillIn = await t.call('GET', '/v1/sync/pull', { token: kiosk.token });
    expect(stillIn.status).toBe(200);

    const r = await as('coordinator').call('POST', path);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(KioskRevokeResponseSchema.parse(r.body).kiosk).toMatchObject({
      id: kiosk.deviceId,
      revokedAt: expect.any(String),
    });
    const refused = await t.call('GET', '/v1/sync/pull', { token: kiosk.token });
    expect([refused.status, errorOf(refused).code]).toEqual([401, 'device_revoked']);
    expect((await listAudit(t.server.db))[0]).toMatchObject({
      actor: 'coordinator',
      action: 'kiosk_revoked',
      detail: { deviceId: kiosk.deviceId, name: 'Kiosco a revocar' },
    });
    const malformed = await as('coordinator').call('POST', '/console/api/kiosks/not-a-uuid/revoke');
    expect([malformed.status, errorOf(malformed).field]).toEqual([400, 'deviceId']);
    const unknown = await as('coordinator').call('POST', `/console/api/kiosks/${uuidv7()}/revoke`);
    expect(unknown.status).toBe(404);
  });
});
