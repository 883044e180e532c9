// Tickets on the server: imported from the box office's CSV export (by code) and issued here
// (signed, by ticket id), listed for people, and sent to door kiosks through the pull log.
import { sql, type Kysely } from 'kysely';
import { isVisitorPassText, readVisitorPass } from '../../shared/passes/visitor-pass';
import type { RowError, TicketPayload } from '../../shared/sync/protocol';
import { parseTicketKey, ticketKey, type TicketRef } from '../../shared/tickets/scan-event';
import { decodeTicketText, isSignedTicketText } from '../../shared/tickets/ticket-codec';
import type { ImportedTicket } from '../../shared/tickets/validate-scan';
import { sha256 } from '../auth/secrets';
import type { ServerDb } from '../db/server-database';
import type { Database, DatabaseKind } from '../db/schema';
import { requireEvent } from '../events/events-store';
import { appendChanges, type NewChange } from '../sync/change-log';
import { SyncError } from '../sync-error';
import type { OnError, RevocationRequest, TicketImportReport, TicketSummary } from './ticket-api';
import { readTicketCsv, type TicketCsv } from './ticket-csv';

export type TicketRow = Database['tickets'];

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
export const CHUNK = 500;
const LISTED_IN_MESSAGE = 5;
const ANALYZE_AFTER = 10_000;

/** The pull change that tells door kiosks about a ticket (new or changed). */
export function ticketChange(row: TicketRow): NewChange {
  const common = {
    eventId: row.event_id,
    holder: row.holder,
    validFrom: row.valid_from,
    validTo: row.valid_to,
  };
  let payload: TicketPayload;
  if (row.source === 'imported') {
    payload = { source: 'imported', code: row.ticket_id, ticketType: row.type_name, ...common };
  } else {
    if (row.type_number === null) throw new Error(`signed ticket ${row.ticket_id} has no type number`);
    payload = {
      source: 'signed',
      ticketId: row.ticket_id,
      typeNumber: row.type_number,
      typeName: row.type_name,
      ...common,
    };
  }
  const ref: TicketRef = { source: row.source, id: row.ticket_id };
  return { kind: 'ticket', id: ticketKey(ref), payload, scope: { eventId: row.event_id } };
}

/**
 * Imports the box office's CSV export. Codes are the identity: a code seen before with the same
 * row is left alone, with another row is updated (and sent to kiosks again), and a new one added.
 * Bad rows are skipped or refuse the whole import, as `onError` says; a refused import writes nothing.
 */
export async function importTickets(
  s: ServerDb,
  csv: string,
  onError: OnError,
  now = new Date(),
): Promise<TicketImportReport> {
  const report = await storeTicketImport(s, readTicketCsv(csv), onError, now);
  await analyzeAfterImport(s, report);
  return report;
}

/**
 * The import of a CSV read already, in one transaction (the caller's, if `s` is bound to one):
 * parsing a large file before it and analysing after it keep both out of the write lock.
 */
export async function storeTicketImport(
  s: ServerDb,
  file: TicketCsv,
  onError: OnError,
  now: Date,
): Promise<TicketImportReport> {
  const at = now.toISOString();
  return s.transaction(async (trx): Promise<TicketImportReport> => {
    const errors = [...file.errors];
    const known = await existingEvents(trx, [...new Set(file.rows.map((r) => r.ticket.eventId))]);
    const stored = await importedTickets(
      trx,
      file.rows.map((r) => r.ticket.code),
    );
    const added: TicketRow[] = [];
    const updated: TicketRow[] = [];
    let unchanged = 0;
    for (const { line, ticket } of file.rows) {
      if (!known.has(ticket.eventId)) {
        errors.push({ line, column: 'event', message: `there is no event ${ticket.eventId} on this server` });
        continue;
      }
      const before = stored.get(ticket.code);
      if (before !== undefined && before.event_id !== ticket.eventId) {
        errors.push({
          line,
          column: 'event',
          message: `code ${ticket.code} is a ticket of event ${before.event_id}: a code belongs to one event`,
        });
        continue;
      }
      const row = importedRow(ticket, before?.created_at ?? at, at);
      if (before === undefined) added.push(row);
      else if (sameTicket(before, row)) unchanged++;
      else updated.push(row);
    }
    errors.sort((a, b) => a.line - b.line);
    const badRows = new Set(errors.map((e) => e.line)).size;
    if (errors.length > 0 && onError === 'refuse') {
      throw new SyncError('invalid_input', refusal(badRows, file.rowCount, errors), {
        field: 'csv',
        rows: errors,
      });
    }
    for (let i = 0; i < added.length; i += CHUNK) {
      await trx
        .insertInto('tickets')
        .values(added.slice(i, i + CHUNK))
        .execute();
    }
    for (const row of updated) {
      await trx
        .updateTable('tickets')
        .set({
          type_name: row.type_name,
          holder: row.holder,
          valid_from: row.valid_from,
          valid_to: row.valid_to,
          updated_at: at,
        })
        .where('source', '=', 'imported')
        .where('ticket_id', '=', row.ticket_id)
        .execute();
    }
    await appendChanges(trx, s.kind, [...added, ...updated].map(ticketChange), now);
    return {
      onError,
      rows: file.rowCount,
      added: added.length,
      updated: updated.length,
      unchanged,
      skipped: badRows,
      errors,
    };
  });
}

export async function analyzeAfterImport(s: ServerDb, report: TicketImportReport): Promise<void> {
  // PostgreSQL plans by statistics that autovacuum refreshes only now and then: right after a big
  // first import it would still take the table for empty and scan it for every lookup of the next.
  if (s.kind === 'postgres' && report.added >= ANALYZE_AFTER) {
    await sql`ANALYZE tickets`.execute(s.db);
    await sql`ANALYZE changes`.execute(s.db);
  }
}

/**
 * Checks the event exists and, on PostgreSQL, locks its row until commit: numbering keys and
 * ticket types reads the highest number and adds one, which two writers must not do at once.
 */
export async function lockEvent(trx: Kysely<Database>, kind: DatabaseKind, eventId: string): Promise<void> {
  let query = trx.selectFrom('events').select('id').where('id', '=', eventId);
  if (kind === 'postgres') query = query.forUpdate();
  if ((await query.executeTakeFirst()) === undefined) throw new SyncError('not_found', `no event ${eventId}`);
}

function refusal(badRows: number, rowCount: number, errors: RowError[]): string {
  const listed = errors
    .slice(0, LISTED_IN_MESSAGE)
    .map((e) => `line ${e.line}${e.column === undefined ? '' : ` (${e.column})`}: ${e.message}`);
  const more = errors.length > LISTED_IN_MESSAGE ? `; and ${errors.length - LISTED_IN_MESSAGE} more` : '';
  return `${badRows} of ${rowCount} rows are bad, so nothing was imported (on error: refuse): ${listed.join('; ')}${more}`;
}

function importedRow(ticket: ImportedTicket, createdAt: string, updatedAt: string): TicketRow {
  return {
    source: 'imported',
    ticket_id: ticket.code,
    event_id: ticket.eventId,
    type_name: ticket.ticketType,
    type_number: null,
    holder: ticket.holder,
    valid_from: ticket.validFrom,
    valid_to: ticket.validTo,
    key_id: null,
    signed_text: null,
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

const sameTicket = (a: TicketRow, b: TicketRow): boolean =>
  a.type_name === b.type_name &&
  a.holder === b.holder &&
  a.valid_from === b.valid_from &&
  a.valid_to === b.valid_to;

async function existingEvents(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('events')
      .select('id')
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}

async function importedTickets(db: Kysely<Database>, codes: string[]): Promise<Map<string, TicketRow>> {
  const found = new Map<string, TicketRow>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await db
      .selectFrom('tickets')
      .selectAll()
      .where('source', '=', 'imported')
      .where('ticket_id', 'in', codes.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) found.set(row.ticket_id, row);
  }
  return found;
}

/** The event's tickets with their revocation state, keyset-paged by (source, id). */
/**
 * A page of an event's tickets. `redacted` (roles without ticket credentials, routes/roles.ts):
 * no QR text and no holder, and a box-office code — itself the credential — shown only as a
 * fingerprint; such a page's `next` is a position ("@400") so that no code travels as a cursor.
 */
export async function listTickets(
  s: ServerDb,
  eventId: string,
  query: { source?: 'imported' | 'signed' | undefined; after?: string | undefined; limit: number },
  redacted = false,
): Promise<{ tickets: TicketSummary[]; next: string | null }> {
  await requireEvent(s.db, eventId);
  let select = s.db
    .selectFrom('tickets as t')
    .leftJoin('ticket_revocations as r', (join) =>
      join.onRef('r.source', '=', 't.source').onRef('r.ticket_id', '=', 't.ticket_id'),
    )
    .selectAll('t')
    .select(['r.status', 'r.reason'])
    .where('t.event_id', '=', eventId)
    .orderBy('t.source')
    .orderBy('t.ticket_id')
    .limit(query.limit + 1);
  if (query.source !== undefined) select = select.where('t.source', '=', query.source);
  const position = /^@(\d{1,9})$/.exec(query.after ?? '')?.[1];
  if (position !== undefined) select = select.offset(Number(position));
  else if (query.after !== undefined) {
    const after = parseTicketKey(query.after);
    // A redacted reader is given positions only: answering "the first ticket after X" would let
    // them find each box-office code a character at a time, and confirm it by its fingerprint.
    if (after === undefined || after.source === 'pass' || redacted) {
      throw new SyncError('invalid_input', 'after: pass the `next` of the previous page', { field: 'after' });
    }
    const { source, id } = { source: after.source, id: after.id };
    select = select.where((eb) =>
      eb.or([eb('t.source', '>', source), eb.and([eb('t.source', '=', source), eb('t.ticket_id', '>', id)])]),
    );
  }
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const more = rows.length > query.limit && last !== undefined;
  return {
    tickets: page.map((r) => ({
      source: r.source,
      id: redacted && r.source === 'imported' ? codeFingerprint(r.ticket_id) : r.ticket_id,
      eventId: r.event_id,
      type: r.type_name,
      typeNumber: r.type_number,
      holder: redacted ? null : r.holder,
      validFrom: r.valid_from,
      validTo: r.valid_to,
      status: r.status ?? 'valid',
      reason: r.reason ?? null,
      text: redacted ? null : r.signed_text,
      updatedAt: r.updated_at,
    })),
    next: !more
      ? null
      : redacted || position !== undefined
        ? `@${Number(position ?? 0) + query.limit}`
        : ticketKey({ source: last.source, id: last.ticket_id }),
  };
}

/** Tells box-office codes apart without showing them: "sha256:" and 16 hex digits of the hash. */
export const codeFingerprint = (code: string): string => `sha256:${sha256(code).slice(0, 16)}`;

/**
 * Which ticket staff mean: a signed ticket's QR text or id, a visitor pass's QR text, a box-office
 * code, or any of them written as its ticket key ("signed:ID") when a bare value could be either.
 */
export async function resolveTicket(
  db: Kysely<Database>,
  input: Pick<RevocationRequest, 'ticket' | 'eventId'>,
): Promise<{ ref: TicketRef; eventId: string }> {
  const text = input.ticket.trim();
  const explicit = parseTicketKey(text);
  let ref: TicketRef | undefined = explicit;
  if (ref === undefined && isSignedTicketText(text)) {
    const decoded = decodeTicketText(text);
    if (!decoded.ok) throw new SyncError('invalid_input', `ticket: ${decoded.detail}`, { field: 'ticket' });
    ref = { source: 'signed', id: decoded.ticket.ticketId };
  }
  if (ref === undefined && isVisitorPassText(text)) {
    const pass = readVisitorPass(text);
    if (!pass.ok) throw new SyncError('invalid_input', `ticket: ${pass.detail}`, { field: 'ticket' });
    ref = { source: 'pass', id: pass.passId };
  }
  if (ref?.source === 'pass') {
    if (input.eventId === undefined) {
      throw new SyncError('invalid_input', 'eventId: name the event the visitor pass is for', {
        field: 'eventId',
      });
    }
    await requireEvent(db, input.eventId);
    return { ref, eventId: input.eventId };
  }
  let query = db.selectFrom('tickets').select(['source', 'ticket_id', 'event_id']);
  query =
    ref === undefined
      ? query.where('ticket_id', '=', text)
      : query.where('source', '=', ref.source).where('ticket_id', '=', ref.id);
  const candidates = await query.execute();
  const [found, other] = candidates;
  if (found === undefined) throw new SyncError('not_found', `no ticket ${text}`);
  if (other !== undefined) {
    throw new SyncError(
      'conflict',
      `${text} is both a box-office code and a signed ticket id: write imported:${text} or signed:${text}`,
      { field: 'ticket' },
    );
  }
  if (input.eventId !== undefined && input.eventId !== found.event_id) {
    throw new SyncError('not_found', `ticket ${text} is not a ticket of event ${input.eventId}`);
  }
  return { ref: { source: found.source, id: found.ticket_id }, eventId: found.event_id };
}
