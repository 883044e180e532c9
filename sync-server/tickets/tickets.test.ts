// Tickets over HTTP on SQLite and PostgreSQL: the box-office import (good and bad files, both
// error modes, idempotent), issuing signed tickets that a door validates with the keys it pulled,
// key rotation, revocations going down to doors, and who may do what.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, PullResponseSchema } from '../../shared/sync/protocol';
import { validateScan } from '../../shared/tickets/validate-scan';
import { decodeTicketText, eventTag } from '../../shared/tickets/ticket-codec';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { DoorReplica } from './testing/door-replica';
import {
  IssueTicketsResponseSchema,
  RevocationResponseSchema,
  TicketImportResponseSchema,
  TicketKeyListResponseSchema,
  TicketKeyResponseSchema,
  TicketListResponseSchema,
} from './ticket-api';

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;
const HEADER = 'code,event,ticket_type,holder_name,valid_from,valid_to';
const NOW = new Date('2026-11-21T12:00:00Z');
const RULES = { allowReentry: true, acceptPasses: true };

describe.each(DB_KINDS)('tickets on %s', (kind) => {
  let t: TestServer;
  let coordinator: string;
  let statistician: string;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    coordinator = await t.tokenFor('coordinator');
    statistician = await t.tokenFor('statistician');
  });
  afterAll(async () => {
    await t?.close();
  });

  const importCsv = (csv: string, onError?: 'skip' | 'refuse', token = coordinator) =>
    t.call('POST', `/v1/tickets/import${onError === undefined ? '' : `?onError=${onError}`}`, {
      token,
      body: { csv },
    });
  const imported = (response: { status: number; body: unknown }) => {
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return TicketImportResponseSchema.parse(response.body);
  };
  const rowCount = async (table: 'tickets' | 'ticket_revocations' | 'changes', eventId: string) =>
    Number(
      (
        await t.server.db.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const issue = async (eventId: string, body: Record<string, unknown>) => {
    const response = await t.call('POST', `/v1/events/${eventId}/tickets`, { token: coordinator, body });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    return IssueTicketsResponseSchema.parse(response.body).tickets;
  };
  const doorOf = async (eventId: string) => new DoorReplica(t, await t.enrol(eventId, 'Door', 'door'));
  const validate = (door: DoorReplica, text: string, direction: 'entry' | 'exit' = 'entry') =>
    validateScan(text, {
      eventId: door.device.eventId,
      gate: 'North',
      deviceId: door.device.deviceId,
      direction,
      now: NOW,
      rules: RULES,
      lookups: door.tickets.lookups,
    });

  it('imports a good file; the same file again changes nothing; a changed row is updated and pulled again', async () => {
    const eventId = await t.createEvent();
    const csv = [
      HEADER,
      `BOX-1,${eventId},General,Ana García,2026-11-20T10:00:00+01:00,2026-11-22T23:59:00+01:00`,
      `BOX-2,${eventId},VIP,"Pérez, Luis",,`,
      `BOX-3,${eventId},General,,,`,
    ].join('\r\n');
    expect(imported(await importCsv(csv))).toMatchObject({
      onError: 'refuse',
      rows: 3,
      added: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      errors: [],
    });
    const door = await doorOf(eventId);
    const first = await door.pull();
    expect(first.filter((c) => c.kind === 'ticket').map((c) => c.id)).toEqual([
      'imported:BOX-1',
      'imported:BOX-2',
      'imported:BOX-3',
    ]);
    expect(door.tickets.imported.get('BOX-2')).toEqual({
      code: 'BOX-2',
      eventId,
      ticketType: 'VIP',
      holder: 'Pérez, Luis',
      validFrom: null,
      validTo: null,
    });
    const changesBefore = await rowCount('changes', eventId);

    expect(imported(await importCsv(csv))).toMatchObject({ rows: 3, added: 0, updated: 0, unchanged: 3 });
    expect(await rowCount('changes', eventId)).toBe(changesBefore);
    expect(await rowCount('tickets', eventId)).toBe(3);
    expect(await door.pull()).toEqual([]);

    const changed = csv.replace('Pérez, Luis', 'Pérez, Lucía');
    expect(imported(await importCsv(changed))).toMatchObject({ added: 0, updated: 1, unchanged: 2 });
    const again = await door.pull();
    expect(again.map((c) => c.id)).toEqual(['imported:BOX-2']);
    expect(door.tickets.imported.get('BOX-2')?.holder).toBe('Pérez, Lucía');
    expect(await validate(door, 'BOX-2')).toMatchObject({
      kind: 'valid_entry',
      ticket: { ref: { source: 'imported', id: 'BOX-2' }, type: 'VIP', holder: 'Pérez, Lucía' },
    });
    expect(await validate(door, 'BOX-1')).toMatchObject({ kind: 'valid_entry' });
    expect(await validate(door, 'BOX-9')).toMatchObject({ kind: 'unknown_ticket', reason: 'not_on_list' });
  });

  it('names every bad row by line; "refuse" imports nothing, "skip" the rest', async () => {
    const eventId = await t.createEvent();
    const otherEvent = await t.createEvent();
    imported(await importCsv(`${HEADER}\nTAKEN,${otherEvent},General,,,`));
    const csv = [
      HEADER,
      `OK-1,${eventId},General,,,`,
      `OK-2,no_such_event,General,,,`,
      `OK-3,${eventId},General,,2026-11-31T10:00Z,`,
      '',
      `OK-4,${eventId},"Day
pass",,,`,
      `TAKEN,${eventId},General,,,`,
      `OK-5,${eventId},General,,,`,
    ].join('\n');
    const errors = [
      { line: 3, column: 'event', message: 'there is no event no_such_event on this server' },
      { line: 4, column: 'valid_from', message: '"2026-11-31T10:00Z" is not a real date and time' },
      {
        line: 8,
        column: 'event',
        message: `code TAKEN is a ticket of event ${otherEvent}: a code belongs to one event`,
      },
    ];
    const changesBefore = await rowCount('changes', eventId);

    const refused = await importCsv(csv, 'refuse');
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body)).toEqual({
      code: 'invalid_input',
      field: 'csv',
      rows: errors,
      message:
        '3 of 6 rows are bad, so nothing was imported (on error: refuse): ' +
        'line 3 (event): there is no event no_such_event on this server; ' +
        'line 4 (valid_from): "2026-11-31T10:00Z" is not a real date and time; ' +
        `line 8 (event): code TAKEN is a ticket of event ${otherEvent}: a code belongs to one event`,
    });
    expect(await rowCount('tickets', eventId)).toBe(0);
    expect(await rowCount('changes', eventId)).toBe(changesBefore);

    expect(imported(await importCsv(csv, 'skip'))).toMatchObject({
      onError: 'skip',
      rows: 6,
      added: 3,
      updated: 0,
      unchanged: 0,
      skipped: 3,
      errors,
    });
    expect(await rowCount('tickets', eventId)).toBe(3);
    expect(await rowCount('changes', eventId)).toBe(changesBefore + 3);
    const list = TicketListResponseSchema.parse(
      // Codes are credentials: only an admin lists them (others see fingerprints, security tests).
      (await t.call('GET', `/v1/events/${eventId}/tickets`, { token: await t.tokenFor('admin') })).body,
    );
    expect(list.tickets.map((x) => [x.id, x.type, x.status])).toEqual([
      ['OK-1', 'General', 'valid'],
      ['OK-4', 'Day\npass', 'valid'],
      ['OK-5', 'General', 'valid'],
    ]);
  });

  it('refuses a file it cannot read in either mode, takes text/csv bodies, and checks roles', async () => {
    const eventId = await t.createEvent();
    for (const mode of ['skip', 'refuse'] as const) {
      const response = await importCsv(`code,event\nA,${eventId}\n`, mode);
      expect(response.status).toBe(400);
      expect(errorOf(response.body)).toMatchObject({
        code: 'invalid_input',
        field: 'csv',
        rows: [{ line: 1, message: expect.stringContaining('the header lacks ticket_type') }],
      });
    }
    const asText = await t.call('POST', '/v1/tickets/import?onError=skip', {
      token: coordinator,
      rawBody: `${HEADER}\nTEXT-1,${eventId},General,,,\n`,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
    expect(imported(asText)).toMatchObject({ added: 1 });

    const forbidden = await importCsv(`${HEADER}\nTEXT-2,${eventId},General,,,\n`, 'skip', statistician);
    expect(forbidden.status).toBe(403);
    expect(errorOf(forbidden.body).code).toBe('forbidden');
    const anonymous = await t.call('POST', '/v1/tickets/import', { body: { csv: HEADER } });
    expect(anonymous.status).toBe(401);
    const badMode = await t.call('POST', '/v1/tickets/import?onError=ignore', {
      token: coordinator,
      body: { csv: HEADER },
    });
    expect(badMode.status).toBe(400);
    expect(errorOf(badMode.body).field).toBe('onError');
    expect(await rowCount('tickets', eventId)).toBe(1);
  });

  it('issues signed tickets that a door validates with the keys it pulled, with or without the ticket list', async () => {
    const eventId = await t.createEvent();
    const tickets = await issue(eventId, {
      type: 'General',
      holder: 'Ana García',
      count: 2,
      validFrom: '2026-11-20T09:00:00Z',
      validTo: '2026-11-22T23:59:00Z',
    });
    expect(tickets).toHaveLength(2);
    const [ticket] = tickets as [(typeof tickets)[number]];
    expect(ticket).toMatchObject({ eventId, type: 'General', typeNumber: 1, holder: 'Ana García', keyId: 0 });
    expect(ticket.text).toMatch(/^QT1:[A-Z2-7]{144}$/);
    const decoded = decodeTicketText(ticket.text);
    expect(decoded.ok && decoded.ticket).toMatchObject({
      ticketId: ticket.ticketId,
      keyId: 0,
      ticketType: 1,
      eventTag: await eventTag(eventId),
      validFrom: new Date('2026-11-20T09:00:00Z'),
      validTo: new Date('2026-11-22T23:59:00Z'),
    });

    // A door that has only the keys (tickets sold after its last sync) still admits.
    const door = await doorOf(eventId);
    await door.pull();
    door.tickets.issued.clear();
    expect(await validate(door, ticket.text)).toMatchObject({
      kind: 'valid_entry',
      ticket: { ref: { source: 'signed', id: ticket.ticketId }, type: '1', holder: null },
    });
    // Once it has synced the issued list, it shows the type's name and the holder.
    const synced = await doorOf(eventId);
    await synced.pull();
    expect(await validate(synced, ticket.text)).toMatchObject({
      kind: 'valid_entry',
      ticket: { type: 'General', holder: 'Ana García' },
    });
    const altered = ticket.text.slice(0, 40) + (ticket.text[40] === 'A' ? 'B' : 'A') + ticket.text.slice(41);
    expect((await validate(synced, altered)).kind).toMatch(/^(forged|unreadable)$/);
    const otherEvent = await t.createEvent();
    const foreign = await issue(otherEvent, { type: 'General' });
    expect(await validate(synced, foreign[0]?.text ?? '')).toMatchObject({ kind: 'wrong_event' });

    const keys = TicketKeyListResponseSchema.parse(
      (await t.call('GET', `/v1/events/${eventId}/ticket-keys`, { token: statistician })).body,
    ).keys;
    expect(keys).toEqual([
      {
        eventId,
        keyId: 0,
        publicKey: door.tickets.keys.get(eventId)?.[0]?.publicKey,
        retired: false,
        createdAt: expect.any(String),
        retiredAt: null,
      },
    ]);
  });

  it('rotates keys: new tickets use the newest key; a retired key makes its tickets forged', async () => {
    const eventId = await t.createEvent();
    const [old] = await issue(eventId, { type: 'General' });
    const created = await t.call('POST', `/v1/events/${eventId}/ticket-keys`, { token: coordinator });
    expect(created.status).toBe(201);
    expect(TicketKeyResponseSchema.parse(created.body).key).toMatchObject({ keyId: 1, retired: false });
    const [fresh] = await issue(eventId, { type: 'VIP' });
    expect(fresh).toMatchObject({ keyId: 1, typeNumber: 2 });
    const door = await doorOf(eventId);
    await door.pull();
    expect(await validate(door, old?.text ?? '')).toMatchObject({ kind: 'valid_entry' });

    const retired = await t.call('POST', `/v1/events/${eventId}/ticket-keys/0/retire`, {
      token: coordinator,
    });
    expect(TicketKeyResponseSchema.parse(retired.body).key).toMatchObject({ keyId: 0, retired: true });
    expect((await door.pull()).map((c) => `${c.kind}:${c.id}`)).toEqual([`ticket_key:${eventId}/0`]);
    expect(await validate(door, old?.text ?? '')).toMatchObject({ kind: 'forged', reason: 'retired_key' });
    expect(await validate(door, fresh?.text ?? '')).toMatchObject({ kind: 'valid_entry' });

    await t.call('POST', `/v1/events/${eventId}/ticket-keys/1/retire`, { token: coordinator });
    const none = await t.call('POST', `/v1/events/${eventId}/tickets`, {
      token: coordinator,
      body: { type: 'General' },
    });
    expect(none.status).toBe(409);
    expect(errorOf(none.body).message).toContain('every ticket key of event');
    const missing = await t.call('POST', `/v1/events/${eventId}/ticket-keys/7/retire`, {
      token: coordinator,
    });
    expect(missing.status).toBe(404);
  });

  it('refuses bad issue requests, writing nothing', async () => {
    const eventId = await t.createEvent();
    const cases: [string, unknown, number, string][] = [
      [eventId, { type: 'General', validFrom: '2026-11-20T09:00:30Z' }, 400, 'validFrom'],
      [
        eventId,
        { type: 'General', validFrom: '2026-11-21T09:00Z', validTo: '2026-11-20T09:00Z' },
        400,
        'validFrom',
      ],
      [eventId, { type: 'General', count: 0 }, 400, 'count'],
      [eventId, { type: '' }, 400, 'type'],
      ['no_such_event', { type: 'General' }, 404, ''],
    ];
    for (const [event, body, status, field] of cases) {
      const response = await t.call('POST', `/v1/events/${event}/tickets`, { token: coordinator, body });
      expect(response.status, JSON.stringify(body)).toBe(status);
      if (field !== '') expect(errorOf(response.body).field).toBe(field);
    }
    const forbidden = await t.call('POST', `/v1/events/${eventId}/tickets`, {
      token: statistician,
      body: { type: 'General' },
    });
    expect(forbidden.status).toBe(403);
    expect(await rowCount('tickets', eventId)).toBe(0);
    expect(await t.count('changes', { eventId })).toBe(1);
  });

  it('revokes and blocks tickets and passes; doors learn it at their next pull', async () => {
    const eventId = await t.createEvent();
    imported(await importCsv(`${HEADER}\nREV-1,${eventId},General,,,\nREV-2,${eventId},General,,,`));
    const [signed] = await issue(eventId, { type: 'General', holder: 'Ana' });
    const door = await doorOf(eventId);
    await door.pull();
    const act = (action: string, body: Record<string, unknown>, token = coordinator) =>
      t.call('POST', `/v1/tickets/${action}`, { token, body });
    const revocation = (response: { status: number; body: unknown }) => {
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      return RevocationResponseSchema.parse(response.body);
    };

    expect(revocation(await act('revoke', { ticket: 'REV-1', reason: 'refunded' }))).toMatchObject({
      changed: true,
      revocation: {
        eventId,
        ticket: { source: 'imported', id: 'REV-1' },
        status: 'revoked',
        reason: 'refunded',
      },
    });
    expect(revocation(await act('revoke', { ticket: 'imported:REV-1' }))).toMatchObject({
      changed: false,
      revocation: { status: 'revoked', reason: 'refunded' },
    });
    expect(revocation(await act('block', { ticket: signed?.text, reason: 'lost' }))).toMatchObject({
      changed: true,
      revocation: { ticket: { source: 'signed', id: signed?.ticketId }, status: 'blocked' },
    });
    const pulled = await door.pull();
    expect(pulled.map((c) => `${c.kind}:${c.id}`)).toEqual([
      'revocation:imported:REV-1',
      `revocation:signed:${signed?.ticketId}`,
    ]);
    expect(await validate(door, 'REV-1')).toMatchObject({ kind: 'revoked', needsAttention: true });
    expect(await validate(door, signed?.text ?? '')).toMatchObject({ kind: 'blocked' });
    expect(await validate(door, 'REV-2')).toMatchObject({ kind: 'valid_entry' });

    expect(revocation(await act('unblock', { ticket: signed?.ticketId }))).toMatchObject({
      changed: true,
      revocation: { status: 'cleared' },
    });
    await door.pull();
    expect(await validate(door, signed?.text ?? '')).toMatchObject({ kind: 'valid_entry' });

    const refusals: [string, Record<string, unknown>, number, string][] = [
      ['block', { ticket: 'REV-1' }, 409, 'conflict'],
      ['unblock', { ticket: 'REV-1' }, 409, 'conflict'],
      ['revoke', { ticket: 'NOPE' }, 404, 'not_found'],
      ['revoke', { ticket: 'REV-2', eventId: 'other_event' }, 404, 'not_found'],
      ['block', { ticket: 'QP1:0190A5E4-0000-7000-8000-000000000001' }, 400, 'invalid_input'],
      ['block', { ticket: 'QT1:AAAA' }, 400, 'invalid_input'],
    ];
    const changesBefore = await rowCount('changes', eventId);
    for (const [action, body, status, code] of refusals) {
      const response = await act(action, body);
      expect(response.status, `${action} ${JSON.stringify(body)}`).toBe(status);
      expect(errorOf(response.body).code).toBe(code);
    }
    expect((await act('revoke', { ticket: 'REV-2' }, statistician)).status).toBe(403);
    expect(await rowCount('changes', eventId)).toBe(changesBefore);

    const pass = 'QP1:0190A5E4-0000-7000-8000-000000000001';
    expect(revocation(await act('block', { ticket: pass, eventId }))).toMatchObject({
      revocation: {
        ticket: { source: 'pass', id: '0190a5e4-0000-7000-8000-000000000001' },
        status: 'blocked',
      },
    });
    await door.pull();
    expect(await validate(door, pass)).toMatchObject({ kind: 'blocked' });

    const list = TicketListResponseSchema.parse(
      (
        await t.call('GET', `/v1/events/${eventId}/tickets?source=imported`, {
          token: await t.tokenFor('admin'),
        })
      ).body,
    );
    expect(list.tickets.map((x) => [x.id, x.status, x.reason])).toEqual([
      ['REV-1', 'revoked', 'refunded'],
      ['REV-2', 'valid', null],
    ]);
  });

  it('pages the ticket list and keeps door kinds off the kiosk stream', async () => {
    const eventId = await t.createEvent();
    const rows = Array.from({ length: 5 }, (_, i) => `P-${i},${eventId},General,,,`);
    imported(await importCsv([HEADER, ...rows].join('\n')));
    await issue(eventId, { type: 'General', count: 2 });
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const query: string = after === null ? 'limit=3' : `limit=3&after=${encodeURIComponent(after)}`;
      const page = TicketListResponseSchema.parse(
        (await t.call('GET', `/v1/events/${eventId}/tickets?${query}`, { token: coordinator })).body,
      );
      seen.push(...page.tickets.map((x) => `${x.source}:${x.id}`));
      after = page.next;
    } while (after !== null);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);

    const device = await t.enrol(eventId, 'Door', 'door');
    const kiosk = PullResponseSchema.parse(
      (await t.call('GET', '/v1/sync/pull', { token: device.token })).body,
    );
    expect(kiosk.changes.map((c) => c.kind)).toEqual(['event', 'device_config']);
    const door = new DoorReplica(t, device);
    const pulled = await door.pull(2);
    expect(pulled.map((c) => c.kind)).toEqual([
      'ticket',
      'ticket',
      'ticket',
      'ticket',
      'ticket',
      'ticket_key',
      'ticket',
      'ticket',
    ]);
  });
});
