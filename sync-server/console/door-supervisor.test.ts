// The door supervisor's role over real HTTP on SQLite and PostgreSQL, signed in to the console:
// the door (ticket lookup, revoke/block, door rules, door report, occupancy) and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardResponseSchema } from '../../shared/console/console-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { demoFormSheets } from '../../shared/forms/node/demo-forms';
import {
  DB_KINDS,
  openServerForTest,
  surveyChanges,
  SURVEY_FORM,
  type TestServer,
} from '../testing/test-server';
import { TicketListResponseSchema } from '../tickets/ticket-api';
import { createUser } from './accounts';
import { signedIn, type SignedIn } from './testing/signed-in';

const PASSWORD = 'contraseña de la puerta';
const refusal = (needs: string) => ({
  code: 'forbidden',
  message: `The door_supervisor role may not do this; it needs ${needs}`,
});

describe.each(DB_KINDS)('door supervisor on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let door: SignedIn;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent(['encuesta-impacto-economico']);
    await createUser(t.server.db, { username: 'puerta', role: 'door_supervisor', password: PASSWORD });
    door = await signedIn(t, 'puerta', PASSWORD);
    const imported = await t.call('POST', '/v1/tickets/import', {
      token: await t.tokenFor('coordinator'),
      body: {
        csv: `code,event,ticket_type,holder_name,valid_from,valid_to\nBOX-1,${eventId},General,Ana García,,`,
      },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;

  it('is refused exports, records, kiosks and event and form set-up, and nothing is written', async () => {
    const formsBefore = await t.call('GET', `/v1/events/${eventId}/forms`, {
      token: await t.tokenFor('admin'),
    });
    const changesBefore = await t.count('changes');
    const refused: [string, string, unknown, string][] = [
      [
        'GET',
        `/console/api/exports/${SURVEY_FORM.formId}?event=${eventId}&format=csv`,
        undefined,
        'admin or statistician',
      ],
      ['GET', `/v1/submissions?eventId=${eventId}`, undefined, 'admin or statistician'],
      ['GET', `/console/api/kiosks?eventId=${eventId}`, undefined, 'admin or coordinator or statistician'],
      ['GET', '/v1/devices', undefined, 'admin or coordinator'],
      ['GET', `/v1/events/${eventId}/forms`, undefined, 'admin or coordinator or statistician'],
      ['POST', '/v1/events', { id: 'otra_feria', name: 'Otra feria' }, 'admin or coordinator'],
      [
        'POST',
        `/v1/events/${eventId}/forms`,
        demoFormSheets('patrimonio-inmaterial'),
        'admin or coordinator',
      ],
      ['POST', `/v1/events/${eventId}/enrol-codes`, {}, 'admin or coordinator'],
      ['POST', `/v1/events/${eventId}/tickets`, { type: 'General', count: 1 }, 'admin or coordinator'],
      ['POST', '/v1/tickets/import', { csv: 'code,event,ticket_type\n' }, 'admin or coordinator'],
    ];
    for (const [method, path, body, needs] of refused) {
      const r = await door.call(method, path, { body });
      expect([path, r.status, errorOf(r)]).toEqual([path, 403, refusal(needs)]);
    }
    expect(await t.count('changes')).toBe(changesBefore);
    const formsAfter = await t.call('GET', `/v1/events/${eventId}/forms`, {
      token: await t.tokenFor('admin'),
    });
    expect(formsAfter.body).toMatchObject({ forms: (formsBefore.body as { forms: unknown[] }).forms });
  });

  it('looks tickets up without holders or codes, blocks and unblocks, revokes', async () => {
    const list = await door.call('GET', `/v1/events/${eventId}/tickets`);
    expect(list.status).toBe(200);
    const [ticket] = TicketListResponseSchema.parse(list.body).tickets;
    expect(ticket).toMatchObject({ holder: null, text: null, status: 'valid' });
    expect(ticket?.id).toMatch(/^sha256:[0-9a-f]{16}$/);
    for (const [action, status] of [
      ['block', 'blocked'],
      ['unblock', 'cleared'],
      ['revoke', 'revoked'],
    ] as const) {
      const r = await door.call('POST', `/v1/tickets/${action}`, {
        body: { ticket: 'BOX-1', reason: 'perdido' },
      });
      expect([action, r.status, r.body]).toEqual([
        action,
        200,
        expect.objectContaining({ revocation: expect.objectContaining({ status }) }),
      ]);
    }
  });

  it('reads and sets the door rules, reads the door report and occupancy', async () => {
    const set = await door.call('PUT', `/v1/events/${eventId}/door`, {
      body: { capacity: 300, allowReentry: false },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ door: { capacity: 300, rules: { allowReentry: false } } });
    for (const path of ['door', 'double-entries', 'occupancy']) {
      expect((await door.call('GET', `/v1/events/${eventId}/${path}`)).status, path).toBe(200);
    }
  });

  it('sees a door-only dashboard: occupancy and door kiosks, no records per form or kiosk', async () => {
    const visitor = await t.enrol(eventId, 'Kiosco plaza');
    await t.enrol(eventId, 'Puerta norte', 'door');
    const pushed = await t.call('POST', '/v1/sync/push', {
      token: visitor.token,
      body: { deviceId: visitor.deviceId, changes: surveyChanges(visitor, 1, 2) },
    });
    expect(pushed.status).toBe(200);
    const dashboard = DashboardResponseSchema.parse(
      (await door.call('GET', `/console/api/dashboard?eventId=${eventId}`)).body,
    );
    expect(dashboard.hours).toEqual([]);
    expect(dashboard.kiosks.map((k) => k.name)).toEqual(['Puerta norte']);
    expect(dashboard.occupancy.capacity).toBe(300);
    const coordinator = DashboardResponseSchema.parse(
      (
        await t.call('GET', `/console/api/dashboard?eventId=${eventId}`, {
          token: await t.tokenFor('coordinator'),
        })
      ).body,
    );
    expect(coordinator.hours.map((h) => h.records)).toEqual([2]);
  });

  it('cannot be given to an API token: door supervisors use the console', async () => {
    const { createApiToken } = await import('../auth/api-tokens');
    await expect(createApiToken(t.server.db, { role: 'door_supervisor', name: 'puerta' })).rejects.toThrow(
      /role/,
    );
  });
});
