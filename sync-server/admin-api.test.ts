// The people's endpoints on SQLite and PostgreSQL: events, forms, kiosks and the record export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import {
  DeviceListResponseSchema,
  EnrolCodeResponseSchema,
  EventListResponseSchema,
  EventResponseSchema,
  FormListResponseSchema,
  FormUploadResponseSchema,
  SubmissionListResponseSchema,
} from '../shared/sync/admin-api';
import { BrandingResponseSchema } from '../shared/sync/branding';
import { ErrorBodySchema, PushResponseSchema, type SubmissionPayload } from '../shared/sync/protocol';
import { listAudit } from './console/audit';
import { DB_KINDS, openServerForTest, surveyChanges, type TestServer } from './testing/test-server';

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;

describe.each(DB_KINDS)('admin API on %s', (kind) => {
  let t: TestServer;
  let coordinator: string;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates an event once and lists it', async () => {
    const created = await t.call('POST', '/v1/events', {
      token: coordinator,
      body: { id: 'muestra_2026', name: 'Muestra Gastronómica 2026' },
    });
    expect(created.status).toBe(201);
    expect(EventResponseSchema.parse(created.body).event).toMatchObject({ id: 'muestra_2026' });
    const again = await t.call('POST', '/v1/events', {
      token: coordinator,
      body: { id: 'muestra_2026', name: 'Otra' },
    });
    expect(again.status).toBe(409);
    expect(errorOf(again.body)).toMatchObject({ code: 'conflict', field: 'id' });
    const list = await t.call('GET', '/v1/events', { token: await t.tokenFor('statistician') });
    const events = EventListResponseSchema.parse(list.body).events;
    expect(events.filter((e) => e.id === 'muestra_2026')).toEqual([
      expect.objectContaining({ name: 'Muestra Gastronómica 2026' }),
    ]);
  });

  it('attaches a form version once; the same again is unchanged, a changed one under that version a conflict', async () => {
    const eventId = await t.createEvent();
    const sheets = demoFormSheets('registro-visitantes');
    const upload = (body: unknown) =>
      t.call('POST', `/v1/events/${eventId}/forms`, { token: coordinator, body });
    const first = await upload(sheets);
    expect(first.status).toBe(200);
    expect(FormUploadResponseSchema.parse(first.body)).toMatchObject({
      status: 'added',
      form: { formId: 'registro_visitantes', version: '2026110101', kind: 'registration' },
    });
    expect(FormUploadResponseSchema.parse((await upload(sheets)).body).status).toBe('unchanged');
    const changed = await upload({ ...sheets, survey: sheets.survey.replace('Nombre', 'Nombre completo') });
    expect(changed.status).toBe(409);
    expect(errorOf(changed.body).message).toContain('give the changed form a new version');
    const list = await t.call('GET', `/v1/events/${eventId}/forms`, { token: coordinator });
    expect(FormListResponseSchema.parse(list.body).forms).toHaveLength(1);
  });

  it('says where an uploaded form names an image that was not sent, as the console does', async () => {
    const eventId = await t.createEvent();
    const upload = (survey: string) =>
      t.call('POST', `/v1/events/${eventId}/forms`, {
        token: coordinator,
        body: { survey, choices: '', settings: `form_id,version,form_title\nfoto_${kind},1,Foto\n` },
      });
    const named = await upload('type,name,label,image\nnote,aviso,Aviso,aviso.png\n');
    expect(named.status, JSON.stringify(named.body)).toBe(200);
    expect(FormUploadResponseSchema.parse(named.body)).toMatchObject({
      status: 'added',
      missingMedia: [{ image: 'aviso.png', at: { kind: 'question', name: 'aviso' } }],
    });
    const plain = await t.call('POST', `/v1/events/${eventId}/forms`, {
      token: coordinator,
      body: demoFormSheets('registro-visitantes'),
    });
    expect(FormUploadResponseSchema.parse(plain.body).missingMedia).toEqual([]);
  });

  it('refuses a broken form with 400 naming the sheet and row, attaching nothing', async () => {
    const eventId = await t.createEvent();
    const sheets = demoFormSheets('encuesta-impacto-economico');
    const before = await t.count('changes');
    const response = await t.call('POST', `/v1/events/${eventId}/forms`, {
      token: coordinator,
      body: { ...sheets, survey: `${sheets.survey}\nselect_one nope,broken,Roto,Broken,yes\n` },
    });
    expect(response.status).toBe(400);
    const error = errorOf(response.body);
    expect(error).toMatchObject({ code: 'invalid_input', field: 'survey' });
    expect(error.message).toMatch(/^survey!A\d+, column "type"/);
    expect(await t.count('changes')).toBe(before);
  });

  it('names the missing sheet of an upload that is neither a CSV trio nor a workbook', async () => {
    const eventId = await t.createEvent();
    const { survey, settings } = demoFormSheets('registro-visitantes');
    const response = await t.call('POST', `/v1/events/${eventId}/forms`, {
      token: coordinator,
      body: { survey, settings },
    });
    expect(response.status).toBe(400);
    expect(errorOf(response.body)).toEqual({
      code: 'invalid_input',
      field: 'choices',
      message: 'choices: Invalid input: expected string, received undefined',
    });
    const list = await t.call('GET', `/v1/events/${eventId}/forms`, { token: coordinator });
    expect(FormListResponseSchema.parse(list.body).forms).toEqual([]);
  });

  it('refuses a form for an unknown event with 404', async () => {
    const response = await t.call('POST', '/v1/events/no_such_event/forms', {
      token: coordinator,
      body: demoFormSheets('registro-visitantes'),
    });
    expect(response.status).toBe(404);
  });

  it('assigns a kiosk only forms of its event, and lists kiosks by event', async () => {
    const eventId = await t.createEvent(['encuesta-impacto-economico']);
    const device = await t.enrol(eventId, 'Entrada norte');
    const refused = await t.call('PUT', `/v1/devices/${device.deviceId}/assignment`, {
      token: coordinator,
      body: { eventId, offeredForms: [{ formId: 'registro_visitantes', onIdle: 'keep' }] },
    });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body)).toMatchObject({ field: 'offeredForms.0.formId' });
    const unknown = await t.call('PUT', '/v1/devices/0190a5e4-0000-7000-8000-000000000000/assignment', {
      token: coordinator,
      body: { eventId, offeredForms: [] },
    });
    expect(unknown.status).toBe(404);
    const list = await t.call('GET', `/v1/devices?eventId=${eventId}`, { token: coordinator });
    expect(DeviceListResponseSchema.parse(list.body).devices).toEqual([
      expect.objectContaining({
        id: device.deviceId,
        name: 'Entrada norte',
        eventId,
        revokedAt: null,
        ackedThroughSeq: 0,
        offeredForms: [{ formId: 'encuesta_impacto_economico', onIdle: 'discard' }],
      }),
    ]);
  });

  it('audits set-up changes made through the API under the token’s name, as the console does', async () => {
    const eventId = `auditada_${kind}`;
    const call = (path: string, body?: unknown) => t.call('POST', path, { token: coordinator, body });
    expect((await call('/v1/events', { id: eventId, name: 'Auditada' })).status).toBe(201);
    expect((await call(`/v1/events/${eventId}/forms`, demoFormSheets('registro-visitantes'))).status).toBe(
      200,
    );
    const code = await call(`/v1/events/${eventId}/enrol-codes`, { expiresInSeconds: 600 });
    expect(code.status).toBe(201);
    const device = await t.enrol(eventId, 'Kiosco auditado');
    expect((await call(`/v1/devices/${device.deviceId}/revoke`)).status).toBe(200);
    const entries = (await listAudit(t.server.db)).filter(
      (a) => a.detail.eventId === eventId || a.detail.deviceId === device.deviceId,
    );
    expect(entries.map(({ actor, action, detail }) => ({ actor, action, detail })).reverse()).toEqual([
      { actor: 'test coordinator', action: 'event_created', detail: { eventId, name: 'Auditada' } },
      {
        actor: 'test coordinator',
        action: 'form_uploaded',
        detail: { eventId, formId: 'registro_visitantes', version: '2026110101', status: 'added' },
      },
      {
        actor: 'test coordinator',
        action: 'enrol_code_created',
        detail: { eventId, expiresAt: EnrolCodeResponseSchema.parse(code.body).expiresAt },
      },
      {
        actor: 'test coordinator',
        action: 'kiosk_revoked',
        detail: { deviceId: device.deviceId, name: 'Kiosco auditado' },
      },
    ]);
  });

  it('audits moving a kiosk under the token’s name with what changed; a refused or empty move writes nothing', async () => {
    const from = await t.createEvent(['encuesta-impacto-economico']);
    const to = await t.createEvent(['registro-visitantes']);
    const device = await t.enrol(from, 'Puerta norte');
    const assign = (eventId: string, formId: string) =>
      t.call('PUT', `/v1/devices/${device.deviceId}/assignment`, {
        token: coordinator,
        body: { eventId, offeredForms: [{ formId, onIdle: 'keep' }], mode: 'door' },
      });
    const entries = async () =>
      (await listAudit(t.server.db))
        .filter((a) => a.detail.deviceId === device.deviceId)
        .map(({ actor, action, detail }) => ({ actor, action, detail }));

    const unknown = await assign('no_such_event', 'registro_visitantes');
    expect([unknown.status, errorOf(unknown.body).message]).toEqual([404, 'no event no_such_event']);
    const notAttached = await assign(to, 'encuesta_impacto_economico');
    expect(notAttached.status).toBe(400);
    expect(errorOf(notAttached.body).message).toBe(
      `offeredForms.0.formId: form encuesta_impacto_economico is not attached to event ${to}`,
    );
    expect(await entries()).toEqual([]);

    expect((await assign(to, 'registro_visitantes')).status).toBe(200);
    expect((await assign(to, 'registro_visitantes')).status).toBe(200);
    expect(await entries()).toEqual([
      {
        actor: 'test coordinator',
        action: 'kiosk_assigned',
        detail: {
          deviceId: device.deviceId,
          name: 'Puerta norte',
          changes: {
            eventId: [from, to],
            offeredForms: [
              [{ formId: 'encuesta_impacto_economico', onIdle: 'discard' }],
              [{ formId: 'registro_visitantes', onIdle: 'keep' }],
            ],
            mode: ['visitor', 'door'],
          },
        },
      },
    ]);
  });

  it('audits an event’s branding changed through the API as the console’s change is', async () => {
    const eventId = await t.createEvent();
    const response = await t.call('PUT', `/v1/events/${eventId}/branding`, {
      token: coordinator,
      body: { colours: { background: '#4A0E4E', accent: '#FFD23F', onAccent: '#111418' } },
    });
    expect(response.status).toBe(200);
    const colours = BrandingResponseSchema.parse(response.body).branding?.colours;
    expect(colours).toMatchObject({ background: '#4a0e4e', accent: '#ffd23f', onAccent: '#111418' });
    const entries = (await listAudit(t.server.db)).filter((a) => a.detail.eventId === eventId);
    expect(entries.map(({ actor, action, detail }) => ({ actor, action, detail }))).toEqual([
      {
        actor: 'test coordinator',
        action: 'event_updated',
        detail: { eventId, changes: { branding: [null, { colours, logo: null, attract: [] }] } },
      },
    ]);
  });

  it('pages through an event’s records for the statistician, exactly as the kiosk sent them', async () => {
    const eventId = await t.createEvent(['encuesta-impacto-economico']);
    const device = await t.enrol(eventId);
    const changes = surveyChanges(device, 1, 7);
    const pushed = await t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes },
    });
    expect(PushResponseSchema.parse(pushed.body).rejected).toEqual([]);
    const statistician = await t.tokenFor('statistician');
    const rows = [];
    let after: string | null = null;
    do {
      const query: string = `eventId=${eventId}&limit=3${after === null ? '' : `&after=${after}`}`;
      const page = SubmissionListResponseSchema.parse(
        (await t.call('GET', `/v1/submissions?${query}`, { token: statistician })).body,
      );
      rows.push(...page.submissions);
      after = page.next;
    } while (after !== null);
    const sent = changes.map((c) => c.payload as SubmissionPayload).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows.map((r) => r.payload)).toEqual(sent);
    expect(new Set(rows.map((r) => r.deviceId))).toEqual(new Set([device.deviceId]));
  });
});
