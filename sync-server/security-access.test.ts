// Who may read what (issue 12), on SQLite and PostgreSQL: personal data and ticket credentials on
// every GET endpoint by role; enrolment that cannot take a kiosk over or lift a revocation; the
// door stream and scans for door kiosks only. The server's private bundle key (in the database)
// on no endpoint for anyone, admins and kiosks included.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { randomRegistrationAnswers } from '../shared/forms/node/sample-answers';
import { seededRandom } from '../shared/random/seeded-random';
import { EnrolCodeResponseSchema, SubmissionListResponseSchema } from '../shared/sync/admin-api';
import {
  EnrolResponseSchema,
  ErrorBodySchema,
  PROTOCOL_VERSION,
  PushResponseSchema,
} from '../shared/sync/protocol';
import { serverBundleKeys } from './bundle/server-bundle-key';
import { signedInRoles } from './console/testing/signed-in';
import { readFormSheets } from './events/events-store';
import { IssueTicketsResponseSchema, OccupancyResponseSchema } from './tickets/ticket-api';
import { DoorReplica } from './tickets/testing/door-replica';
import {
  DB_KINDS,
  heritagePayload,
  openServerForTest,
  surveyPayload,
  type TestDevice,
  type TestServer,
} from './testing/test-server';

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;
const PHOTO = `${'ab'.repeat(32)}.jpg`;
const SECRET = {
  name: 'Zacarías Secretísimo',
  email: 'zacarias.secretisimo@example.org',
  passId: 'PASS-SECRETO-0001',
  photo: PHOTO,
  boxCode: 'TAQ-SECRETO-77',
  importedHolder: 'Titular Importado Secreto',
  signedHolder: 'Titular Firmado Secreto',
  /** The heritage record's bearer (pii) in heritagePayload. */
  bearer: 'Teresa Hernández',
};

/** A registration whose answers name someone (pii questions), with a pass id. */
function registration(device: TestDevice) {
  const definition = readFormSheets(demoFormSheets('registro-visitantes'));
  for (let seed = 1; ; seed++) {
    const answers = randomRegistrationAnswers(seededRandom(seed), definition);
    if (answers.tipo_visitante !== 'individual') continue;
    return surveyPayload(device, {
      formId: definition.formId,
      formVersion: definition.version,
      answers: { ...answers, nombre: SECRET.name, correo: SECRET.email },
      passId: SECRET.passId,
    });
  }
}

describe.each(DB_KINDS)('access on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let kiosk: TestDevice;
  let qrText: string;
  const push = (device: TestDevice, changes: unknown[]) =>
    t.call('POST', '/v1/sync/push', { token: device.token, body: { deviceId: device.deviceId, changes } });
  /** Any endpoint's answer as text (exports are CSV, not JSON). */
  /** A GET with an API token, or with a console session's cookie. */
  const fetchText = async (path: string, auth: string | { cookie: string }) => {
    const response = await fetch(new URL(path.slice(1), t.url), {
      headers: {
        ...(typeof auth === 'string' ? { authorization: `Bearer ${auth}` } : auth),
        'x-quiosco-protocol': String(PROTOCOL_VERSION),
        'x-quiosco-app': 'quiosco-test/1',
      },
    });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    t = await openServerForTest(kind, { keptBundleKey: { legacyDir: undefined } });
    eventId = await t.createEvent(['registro-visitantes', 'patrimonio-inmaterial']);
    kiosk = await t.enrol(eventId);
    const record = registration(kiosk);
    const field = heritagePayload(kiosk, [PHOTO]);
    const pushed = PushResponseSchema.parse(
      (
        await push(kiosk, [
          { seq: 1, kind: 'submission', id: record.id, payload: record },
          { seq: 2, kind: 'submission', id: field.id, payload: field },
        ])
      ).body,
    );
    expect(pushed.rejected).toEqual([]);
    const admin = await t.tokenFor('admin');
    const csv = `code,event,ticket_type,holder_name\n${SECRET.boxCode},${eventId},General,${SECRET.importedHolder}\n`;
    expect((await t.call('POST', '/v1/tickets/import', { token: admin, body: { csv } })).status).toBe(200);
    const issued = await t.call('POST', `/v1/events/${eventId}/tickets`, {
      token: admin,
      body: { type: 'General', holder: SECRET.signedHolder },
    });
    qrText = IssueTicketsResponseSchema.parse(issued.body).tickets[0]?.text ?? '';
    // Two doors admit the box-office code offline: a double entry naming the ticket.
    const doors = [
      new DoorReplica(t, await t.enrol(eventId, 'Norte', 'door')),
      new DoorReplica(t, await t.enrol(eventId, 'Sur', 'door')),
    ];
    for (const door of doors) await door.pull();
    for (const door of doors) {
      const gate = door.door(door.device.deviceId);
      expect(await gate.scan(SECRET.boxCode, new Date())).toMatchObject({ kind: 'valid_entry' });
      expect((await door.push(door.outbox(gate.events))).status).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every GET endpoint of the API (from /openapi.json), its path parameters filled in. */
  const getPaths = async (): Promise<string[]> => {
    const { paths } = (await t.call('GET', '/openapi.json')).body as { paths: Record<string, object> };
    const query: Record<string, string> = { '/v1/submissions': `?eventId=${eventId}` };
    return Object.entries(paths)
      .filter(([path, methods]) => path.startsWith('/v1/') && 'get' in methods)
      .map(
        ([path]) =>
          path
            .replace('{eventId}', eventId)
            .replace('{formId}', 'registro_visitantes')
            .replace('{name}', PHOTO)
            .replace('{keyId}', '0')
            .replace('{deviceId}', kiosk.deviceId) + (query[path] ?? ''),
      );
  };

  it.each(['statistician', 'coordinator'] as const)(
    'shows a %s no pii answer, pass id, photo, QR text, box-office code or holder on any endpoint',
    async (role) => {
      const token = await t.tokenFor(role);
      const paths = await getPaths();
      expect(paths.length).toBeGreaterThan(10);
      for (const path of paths) {
        const { text } = await fetchText(path, token);
        for (const secret of [...Object.values(SECRET), qrText]) {
          expect(text.includes(secret), `${role} ${path} shows ${secret}`).toBe(false);
        }
      }
      const records = await t.call('GET', `/v1/submissions?eventId=${eventId}`, { token });
      if (role === 'statistician') {
        const page = SubmissionListResponseSchema.parse(records.body);
        expect(page.anonymised).toBe(true);
        // Non-personal answers stay: the anonymised record is still a record.
        expect(page.submissions.map((s) => s.payload.answers.tipo_visitante)).toContain('individual');
        expect(
          page.submissions.find((s) => s.payload.formId === 'patrimonio_inmaterial')?.payload.answers,
        ).toMatchObject({ comunidad: 'El Arenal', fotos: [{ pie_foto: 'En el patio' }] });
      } else expect(records.status).toBe(403);
    },
  );

  it('shows a door supervisor, signed in to the console, none of it on any endpoint', async () => {
    const door = (await signedInRoles(t, ['door_supervisor']))('door_supervisor');
    for (const path of await getPaths()) {
      const { text } = await fetchText(path, { cookie: door.cookie });
      for (const secret of [...Object.values(SECRET), qrText]) {
        expect(text.includes(secret), `door supervisor ${path} shows ${secret}`).toBe(false);
      }
    }
  });

  it('shows an admin all of it (so the search above can find what it looks for)', async () => {
    const token = await t.tokenFor('admin');
    const seen = (await Promise.all((await getPaths()).map((p) => fetchText(p, token)))).map((r) => r.text);
    for (const secret of [...Object.values(SECRET), qrText]) {
      expect(
        seen.some((text) => text.includes(secret)),
        secret,
      ).toBe(true);
    }
  });

  it('shows no one the private bundle key, in any of its encodings', async () => {
    const [key] = await serverBundleKeys(t.server.db);
    if (key === undefined) throw new Error('the server kept no bundle key');
    const pem = key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = key.privateKey.export({ type: 'pkcs8', format: 'der' });
    const { d } = key.privateKey.export({ format: 'jwk' });
    const raw = Buffer.from(d ?? '', 'base64url');
    const forms = [
      pem.split('\n')[1] ?? '',
      der.toString('base64'),
      d ?? '',
      raw.toString('hex'),
      raw.toString('base64'),
    ];
    expect(forms.every((f) => f.length >= 40)).toBe(true);
    const admin = await t.tokenFor('admin');
    const answers = [
      ...(await Promise.all((await getPaths()).map((p) => fetchText(p, admin)))),
      await fetchText('/v1/sync/pull', kiosk.token),
      await fetchText('/openapi.json', kiosk.token),
      await fetchText('/', kiosk.token),
    ];
    // The public half is told (so the search reaches where a key would be), the private one never.
    expect(answers.some((a) => a.text.includes(key.publicKey))).toBe(true);
    for (const { text } of answers) for (const form of forms) expect(text.includes(form)).toBe(false);
  });

  const newCode = async (token?: string) =>
    EnrolCodeResponseSchema.parse(
      (
        await t.call('POST', `/v1/events/${eventId}/enrol-codes`, {
          token: token ?? (await t.tokenFor('coordinator')),
          body: {},
        })
      ).body,
    ).code;
  const enrol = (code: string, deviceId: string, token?: string) =>
    t.call('POST', '/v1/enrol', { token, body: { code, deviceId, deviceName: 'Intruso' } });
  const pulls = async (token: string) => (await t.call('GET', '/v1/sync/pull', { token })).status;

  it('never takes over an enrolled kiosk with a spent code or a code older than its enrolment', async () => {
    const older = await newCode();
    const spent = await newCode();
    const victim = EnrolResponseSchema.parse((await enrol(spent, uuidv7())).body);
    const devices = await t.count('devices');

    const replayed = await enrol(spent, victim.deviceId);
    expect(replayed.status).toBe(409);
    expect(errorOf(replayed.body)).toMatchObject({ code: 'enrol_code_used', field: 'code' });
    const leftover = await enrol(older, victim.deviceId);
    expect(leftover.status).toBe(403);
    expect(errorOf(leftover.body)).toMatchObject({ code: 'forbidden', field: 'deviceId' });
    expect(await pulls(victim.deviceToken)).toBe(200);
    expect(await t.count('devices')).toBe(devices);

    // The kiosk itself, showing its token, may use that code (and its old token then stops).
    const again = EnrolResponseSchema.parse((await enrol(older, victim.deviceId, victim.deviceToken)).body);
    expect(await pulls(again.deviceToken)).toBe(200);
    expect(await pulls(victim.deviceToken)).toBe(401);
  });

  it('never lifts a revocation, whatever code or token the revoked kiosk shows', async () => {
    const device = await t.enrol(eventId);
    const coordinator = await t.tokenFor('coordinator');
    expect(
      (await t.call('POST', `/v1/devices/${device.deviceId}/revoke`, { token: coordinator })).status,
    ).toBe(200);
    const fresh = await newCode();
    for (const token of [undefined, device.token]) {
      const lifted = await enrol(fresh, device.deviceId, token);
      expect(lifted.status).toBe(401);
      expect(errorOf(lifted.body)).toMatchObject({ code: 'device_revoked', field: 'deviceId' });
    }
    expect(await pulls(device.token)).toBe(401);
    // Refused requests spend nothing: the code still enrols a new kiosk.
    expect((await enrol(fresh, uuidv7())).status).toBe(200);
  });

  it('gives the door stream and scans to door kiosks only, until the coordinator makes one a door', async () => {
    const visitor = await t.enrol(eventId, 'Visitante');
    const pulled = await t.call('GET', '/v1/sync/pull?stream=door', { token: visitor.token });
    expect(pulled.status).toBe(403);
    expect(errorOf(pulled.body)).toMatchObject({ code: 'forbidden', field: 'stream' });

    // It knows the keys (as if copied from a door) and makes up an admission.
    const forger = new DoorReplica(t, visitor);
    const mirror = new DoorReplica(t, await t.enrol(eventId, 'Espejo', 'door'));
    for (const change of await mirror.pull()) forger.apply(change);
    const gate = forger.door('Falsa');
    expect(await gate.scan(qrText, new Date())).toMatchObject({ kind: 'valid_entry' });
    const occupancy = async () =>
      OccupancyResponseSchema.parse(
        (await t.call('GET', `/v1/events/${eventId}/occupancy`, { token: await t.tokenFor('admin') })).body,
      ).entries;
    const before = await occupancy();
    const scans = await t.count('changes', { eventId });
    const forged = PushResponseSchema.parse((await forger.push(forger.outbox(gate.events))).body);
    expect(forged.rejected).toMatchObject([{ seq: 1, code: 'event_not_assigned' }]);
    expect(forged.rejected[0]?.message).toContain('not a door');
    expect(await occupancy()).toBe(before);
    expect(await t.count('changes', { eventId })).toBe(scans);

    const assigned = await t.call('PUT', `/v1/devices/${visitor.deviceId}/assignment`, {
      token: await t.tokenFor('coordinator'),
      body: { eventId, offeredForms: [], mode: 'door' },
    });
    expect(assigned.status).toBe(200);
    expect((await t.call('GET', '/v1/sync/pull?stream=door', { token: visitor.token })).status).toBe(200);
    const door = new DoorReplica(t, visitor);
    await door.pull();
    const real = door.door('Norte');
    expect(await real.scan(qrText, new Date())).toMatchObject({ kind: 'valid_entry' });
    door.outbox(gate.events); // seq 1 was settled (refused) already
    expect(PushResponseSchema.parse((await door.push(door.outbox(real.events))).body).rejected).toEqual([]);
    expect(await occupancy()).toBe(before + 1);
  });
});
