// Ticket and door set-up through /v1 is audited under the caller's name (an API token's, or the
// console user's whose session calls /v1 from the tickets page), with ids and counts only: never a
// signing key, a box-office code, a holder's name or a reason. Refused and empty changes write
// nothing. SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { listAudit } from '../console/audit';
import { signedInRoles } from '../console/testing/signed-in';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { IssueTicketsResponseSchema } from './ticket-api';
import { codeFingerprint } from './tickets-store';

const HOLDER = 'Ana García Ruiz';
const CODE = 'TAQ-4410';
const REASON = 'reembolso a Ana García';

describe.each(DB_KINDS)('ticket audit through /v1 on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openServerForTest(kind);
  });
  afterAll(() => t?.close());

  const post = async (path: string, body: unknown = {}) =>
    t.call('POST', path, { token: await t.tokenFor('coordinator'), body });
  const ok = async (response: Promise<{ status: number; body: unknown }>) => {
    const r = await response;
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r.body;
  };
  const refused = async (
    response: Promise<{ status: number; body: unknown }>,
    status: number,
    message: string,
  ) => {
    const r = await response;
    expect([r.status, ErrorBodySchema.parse(r.body).error.message]).toEqual([status, message]);
  };
  /** The event's ticket and door entries, oldest first. */
  const entries = async (eventId: string) =>
    (await listAudit(t.server.db))
      .filter((a) => a.detail.eventId === eventId || a.action === 'tickets_imported')
      .map(({ actor, action, detail }) => ({ actor, action, detail }))
      .reverse();

  it('audits keys, issuing, imports, revocations and door rules with ids and counts only', async () => {
    const eventId = await t.createEvent();
    const csv = `code,event,ticket_type,holder_name\r\n${CODE},${eventId},General,${HOLDER}\r\n`;

    // Refused changes first: none of them writes an entry.
    await refused(
      post(`/v1/events/${eventId}/ticket-keys/7/retire`),
      404,
      `event ${eventId} has no ticket key 7`,
    );
    await refused(post('/v1/tickets/revoke', { ticket: 'NOPE' }), 404, 'no ticket NOPE');
    const badRow = `code,event,ticket_type,holder_name\r\n${CODE},no_such_event,General,${HOLDER}\r\n`;
    await refused(
      post('/v1/tickets/import', { csv: badRow }),
      400,
      '1 of 1 rows are bad, so nothing was imported (on error: refuse): line 2 (event): there is no event no_such_event on this server',
    );
    const token = await t.tokenFor('coordinator');
    const zero = t.call('PUT', `/v1/events/${eventId}/door`, { token, body: { capacity: 0 } });
    await refused(zero, 400, 'capacity: Too small: expected number to be >=1');
    expect(await entries(eventId)).toEqual([]);

    const issued = IssueTicketsResponseSchema.parse(
      await ok(post(`/v1/events/${eventId}/tickets`, { type: 'VIP', holder: HOLDER, count: 2 })),
    ).tickets;
    await ok(post(`/v1/events/${eventId}/ticket-keys`));
    await ok(post(`/v1/events/${eventId}/ticket-keys/0/retire`));
    await ok(post(`/v1/events/${eventId}/ticket-keys/0/retire`));
    await ok(post('/v1/tickets/import', { csv }));
    await ok(post('/v1/tickets/import', { csv }));
    await ok(post('/v1/tickets/revoke', { ticket: CODE, reason: REASON }));
    await ok(post('/v1/tickets/revoke', { ticket: CODE, reason: REASON }));
    await ok(post('/v1/tickets/block', { ticket: issued[0]?.text, reason: REASON }));
    await ok(post('/v1/tickets/unblock', { ticket: issued[0]?.ticketId }));
    const door = (await signedInRoles(t, ['door_supervisor']))('door_supervisor');
    await ok(
      door.call('PUT', `/v1/events/${eventId}/door`, { body: { capacity: 300, allowReentry: false } }),
    );
    await ok(door.call('PUT', `/v1/events/${eventId}/door`, { body: { capacity: 300 } }));

    const by = 'test coordinator';
    const signed = `signed:${issued[0]?.ticketId}`;
    const audited = await entries(eventId);
    expect(audited).toEqual([
      { actor: by, action: 'ticket_key_created', detail: { eventId, keyId: 0 } },
      { actor: by, action: 'tickets_issued', detail: { eventId, type: 'VIP', count: 2, keyId: 0 } },
      { actor: by, action: 'ticket_key_created', detail: { eventId, keyId: 1 } },
      { actor: by, action: 'ticket_key_retired', detail: { eventId, keyId: 0 } },
      {
        actor: by,
        action: 'tickets_imported',
        detail: { rows: 1, added: 1, updated: 0, unchanged: 0, skipped: 0, onError: 'refuse' },
      },
      {
        actor: by,
        action: 'ticket_revoked',
        detail: { eventId, ticket: `imported:${codeFingerprint(CODE)}` },
      },
      { actor: by, action: 'ticket_blocked', detail: { eventId, ticket: signed } },
      { actor: by, action: 'ticket_unblocked', detail: { eventId, ticket: signed } },
      {
        actor: 'door-supervisor',
        action: 'door_rules_set',
        detail: { eventId, changes: { capacity: [null, 300], allowReentry: [true, false] } },
      },
    ]);

    const keys = await t.server.db.db.selectFrom('ticket_keys').select('private_key').execute();
    const json = JSON.stringify(audited);
    for (const secret of [...keys.map((k) => k.private_key), CODE, HOLDER, REASON, issued[0]?.text ?? '']) {
      expect(json).not.toContain(secret);
    }
  });
});
