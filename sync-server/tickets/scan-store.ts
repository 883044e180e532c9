// Door scans pushed by kiosks (push kind 'scan'): stored once each, immutable, never refused for
// what they say (a refused entry is a record too). Each new scan is appended to the door stream
// of the pull log, and the seq it gets there is its place in the server's order of scans
// (`serverSeq`): commit order, the same for every party, whatever the doors' clocks say.
// At the same time the server looks for double entries among the ticket's scans with the shared
// rule book (scan-order.ts), so the server and every synced door name the same winner.
import type { Kysely } from 'kysely';
import type { Rejection } from '../../shared/sync/protocol';
import { VerdictKindSchema, ticketKey, type ScanEvent } from '../../shared/tickets/scan-event';
import { findDoubleEntries, presenceChange, type MovementScan } from '../../shared/tickets/scan-order';
import type { Database, DatabaseKind } from '../db/schema';
import { appendChanges } from '../sync/change-log';
import { conflict, firstCopies } from '../sync/first-copies';
import { canonicalJson, contentHash } from '../../shared/sync/node/canonical-json';
import { doorConfig } from './door-settings';
import { CHUNK } from './tickets-store';

type ScanRow = Database['scans'];
export type NewScan = { event: ScanEvent; row: Omit<ScanRow, 'server_seq'> };

/** Verdicts that moved someone in or out: the only scans presence and double entries depend on. */
const MOVING_VERDICTS = VerdictKindSchema.options.filter((verdict) => presenceChange({ verdict }) !== null);

/** The row a checked scan will be stored as, once it has its server seq. */
export function newScan(event: ScanEvent, deviceSeq: number, receivedAt: string): NewScan {
  const payload = canonicalJson(event);
  return {
    event,
    row: {
      id: event.id,
      event_id: event.eventId,
      device_id: event.deviceId,
      device_seq: deviceSeq,
      scan_seq: event.seq,
      nonce: event.nonce,
      gate: event.gate,
      direction: event.direction,
      ticket_key: event.ticket === null ? null : ticketKey(event.ticket),
      verdict: event.verdict,
      local_time: event.localTime,
      corrected_time: event.correctedTime,
      received_at: receivedAt,
      content_hash: contentHash(payload),
      payload,
    },
  };
}

/**
 * Stores what is new, inside the push's transaction, and flags double entries. A scan id stored
 * before is a retry when its content matches and a conflict (the first copy stands) when not.
 * Takes the change-log lock (PostgreSQL) for the rest of the transaction.
 */
export async function storeScans(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  scans: NewScan[],
  now: Date,
): Promise<Rejection[]> {
  const { unique: candidates, rejections } = firstCopies(scans, (scan) => scan.row, 'Scan');
  const storedHashes = new Map<string, string>();
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('scans')
      .select(['id', 'content_hash'])
      .where(
        'id',
        'in',
        candidates.slice(i, i + CHUNK).map((s) => s.row.id),
      )
      .execute();
    for (const row of rows) storedHashes.set(row.id, row.content_hash);
  }
  const fresh: NewScan[] = [];
  for (const scan of candidates) {
    const hash = storedHashes.get(scan.row.id);
    if (hash === undefined) fresh.push(scan);
    else if (hash !== scan.row.content_hash) rejections.push(conflict('Scan', scan.row));
  }
  if (fresh.length === 0) return rejections;

  const seqs = await appendChanges(
    trx,
    kind,
    fresh.map(({ event }) => ({
      kind: 'scan',
      id: event.id,
      payload: event,
      scope: { eventId: event.eventId },
    })),
    now,
  );
  const rows: ScanRow[] = fresh.map(({ row }, i) => ({ ...row, server_seq: seqs[i] as number }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('scans')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
  await flagDoubleEntries(trx, rows, now);
  return rejections;
}

/**
 * Runs the shared double-entry rule over every ticket a new scan moved in or out. New scans come
 * last in server order, so entries flagged earlier never change; only new ones are added.
 */
async function flagDoubleEntries(trx: Kysely<Database>, added: ScanRow[], now: Date): Promise<void> {
  const ticketsByEvent = new Map<string, Set<string>>();
  for (const scan of added) {
    if (scan.ticket_key === null || presenceChange(scan) === null) continue;
    const keys = ticketsByEvent.get(scan.event_id) ?? new Set<string>();
    keys.add(scan.ticket_key);
    ticketsByEvent.set(scan.event_id, keys);
  }
  const detectedAt = now.toISOString();
  for (const [eventId, keySet] of ticketsByEvent) {
    const { rules } = await doorConfig(trx, eventId);
    const keys = [...keySet];
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await trx
        .selectFrom('scans')
        .select(['id', 'device_id', 'scan_seq', 'nonce', 'server_seq', 'direction', 'verdict', 'ticket_key'])
        .where('event_id', '=', eventId)
        .where('ticket_key', 'in', keys.slice(i, i + CHUNK))
        .where('verdict', 'in', MOVING_VERDICTS)
        .execute();
      const byTicket = new Map<string, (MovementScan & { id: string; serverSeq: number })[]>();
      for (const r of rows) {
        if (r.ticket_key === null) continue;
        const list = byTicket.get(r.ticket_key) ?? [];
        list.push({
          id: r.id,
          serverSeq: r.server_seq,
          deviceId: r.device_id,
          seq: r.scan_seq,
          nonce: r.nonce,
          direction: r.direction,
          verdict: r.verdict,
        });
        byTicket.set(r.ticket_key, list);
      }
      const found = [...byTicket].flatMap(([key, scans]) =>
        findDoubleEntries(scans, rules).map((d) => ({
          duplicate_scan_id: d.duplicate.id,
          winner_scan_id: d.winner.id,
          event_id: eventId,
          ticket_key: key,
          kind: d.kind,
          duplicate_server_seq: d.duplicate.serverSeq,
          detected_at: detectedAt,
        })),
      );
      for (let j = 0; j < found.length; j += CHUNK) {
        await trx
          .insertInto('double_entries')
          .values(found.slice(j, j + CHUNK))
          .onConflict((oc) => oc.column('duplicate_scan_id').doNothing())
          .execute();
      }
    }
  }
}
