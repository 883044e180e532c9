// Issuing our own tickets: each signed with the event's newest active key, so a door admits it
// with no ticket list, and recorded here (type, holder) so doors that have synced can show who it is.
import type { Kysely } from 'kysely';
import {
  TicketFieldsSchema,
  encodeSignedTicket,
  newTicketId,
  type TicketFields,
} from '../../shared/tickets/ticket-codec';
import type { ServerDb } from '../db/server-database';
import type { Database } from '../db/schema';
import { appendChanges } from '../sync/change-log';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { IssueTicketsRequestSchema, type IssueTicketsRequest, type IssuedTicket } from './ticket-api';
import { signingKey } from './ticket-keys-store';
import { CHUNK, lockEvent, ticketChange, type TicketRow } from './tickets-store';

const MAX_TYPE_NUMBER = 0xffff;

export type IssueResult = {
  tickets: IssuedTicket[];
  /** The event had no key yet: its first one was made for these tickets. */
  keyCreated: boolean;
};

export async function issueTickets(
  s: ServerDb,
  eventId: string,
  input: IssueTicketsRequest,
  now = new Date(),
): Promise<IssueResult> {
  const request = parseOrThrow(IssueTicketsRequestSchema, input, 'body');
  const time = (iso: string | null) => (iso === null ? null : new Date(iso));
  // The codec's own rules (whole minutes, in range, from <= to), reported against the request.
  const fields = parseOrThrow(
    TicketFieldsSchema,
    {
      ticketId: newTicketId(),
      eventId,
      ticketType: 0,
      validFrom: time(request.validFrom),
      validTo: time(request.validTo),
    } satisfies TicketFields,
    'body',
  );
  return s.transaction(async (trx) => {
    await lockEvent(trx, s.kind, eventId);
    const key = await signingKey(trx, s.kind, eventId, now);
    const typeNumber = await typeNumberFor(trx, eventId, request.type, now);
    const at = now.toISOString();
    const tickets: IssuedTicket[] = [];
    for (const ticketId of await freshTicketIds(trx, request.count)) {
      tickets.push({
        ticketId,
        eventId,
        text: await encodeSignedTicket({ ...fields, ticketId, ticketType: typeNumber }, key),
        type: request.type,
        typeNumber,
        holder: request.holder,
        validFrom: fields.validFrom?.toISOString() ?? null,
        validTo: fields.validTo?.toISOString() ?? null,
        keyId: key.keyId,
        issuedAt: at,
      });
    }
    const rows = tickets.map((t): TicketRow => ({
      source: 'signed',
      ticket_id: t.ticketId,
      event_id: eventId,
      type_name: t.type,
      type_number: typeNumber,
      holder: t.holder,
      valid_from: t.validFrom,
      valid_to: t.validTo,
      key_id: t.keyId,
      signed_text: t.text,
      created_at: at,
      updated_at: at,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('tickets')
        .values(rows.slice(i, i + CHUNK))
        .execute();
    }
    await appendChanges(trx, s.kind, rows.map(ticketChange), now);
    return { tickets, keyCreated: key.created };
  });
}

/** The number signed tickets carry for this type name; a new name gets the next number. */
async function typeNumberFor(
  trx: Kysely<Database>,
  eventId: string,
  name: string,
  now: Date,
): Promise<number> {
  const known = await trx
    .selectFrom('ticket_types')
    .select('number')
    .where('event_id', '=', eventId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (known !== undefined) return known.number;
  const last = await trx
    .selectFrom('ticket_types')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  const number = last?.max === null || last?.max === undefined ? 1 : Number(last.max) + 1;
  if (number > MAX_TYPE_NUMBER) {
    throw new SyncError('conflict', `event ${eventId} has ${MAX_TYPE_NUMBER} ticket types already`);
  }
  await trx
    .insertInto('ticket_types')
    .values({ event_id: eventId, number, name, created_at: now.toISOString() })
    .execute();
  return number;
}

/** Random ticket ids that no ticket has yet: 80 bits make a repeat all but impossible, never allowed. */
async function freshTicketIds(trx: Kysely<Database>, count: number): Promise<string[]> {
  const ids = new Set<string>();
  while (ids.size < count) {
    const candidates = Array.from({ length: count - ids.size }, newTicketId).filter((id) => !ids.has(id));
    const taken = await trx
      .selectFrom('tickets')
      .select('ticket_id')
      .where('source', '=', 'signed')
      .where('ticket_id', 'in', candidates)
      .execute();
    const takenIds = new Set(taken.map((r) => r.ticket_id));
    for (const id of candidates) if (!takenIds.has(id)) ids.add(id);
  }
  return [...ids];
}
