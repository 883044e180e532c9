// A reader without ticket credentials (everyone but admins) pages the ticket list by position
// only: a cursor naming a box-office code would let them find every code a character at a time
// (the first ticket after "TAQ-5" says whether a code sorts after it; its fingerprint confirms a
// guess). Over real HTTP on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import type { Role } from '../../shared/sync/admin-api';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { codeFingerprint } from './tickets-store';
import { TicketListResponseSchema } from './ticket-api';

const HEADER = 'code,event,ticket_type,holder_name,valid_from,valid_to';
const CODES = ['TAQ-4821', 'TAQ-5190', 'TAQ-7733'];

describe.each(DB_KINDS)('ticket list cursors on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent();
    const csv = [HEADER, ...CODES.map((code) => `${code},${eventId},General,Ana,,`)].join('\n');
    const r = await t.call('POST', '/v1/tickets/import', {
      token: await t.tokenFor('coordinator'),
      body: { csv },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });
  afterAll(() => t.close());

  const list = async (role: Role, query: string) =>
    t.call('GET', `/v1/events/${eventId}/tickets?${query}`, { token: await t.tokenFor(role) });

  it.each(['statistician', 'coordinator'] as const)(
    'refuses a %s a cursor that names a code, answering nothing about it',
    async (role) => {
      for (const after of ['imported:TAQ-5', 'imported:TAQ-5190', 'signed:x']) {
        const r = await list(role, `limit=1&after=${encodeURIComponent(after)}`);
        expect(r.status, JSON.stringify(r.body)).toBe(400);
        expect([r.status, ErrorBodySchema.parse(r.body).error]).toEqual([
          400,
          { code: 'invalid_input', message: 'after: pass the `next` of the previous page', field: 'after' },
        ]);
      }
    },
  );

  it('still pages a redacted list by position, and an admin by code', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = after === null ? 'limit=2' : `limit=2&after=${encodeURIComponent(after)}`;
      const page = TicketListResponseSchema.parse((await list('statistician', query)).body);
      seen.push(...page.tickets.map((x) => x.id));
      after = page.next;
      expect(after ?? '@').toMatch(/^@/);
    } while (after !== null);
    expect(seen).toEqual(CODES.map(codeFingerprint));

    const admin = TicketListResponseSchema.parse((await list('admin', 'limit=1&after=imported:TAQ-5')).body);
    expect(admin.tickets.map((x) => x.id)).toEqual(['TAQ-5190']);
  });
});
