// What the doors saw, for staff: who is inside (per gate and against the capacity) and the double
// entries found at merge, with both scans of each.
import { sql } from 'kysely';
import { parseTicketKey } from '../../shared/tickets/scan-event';
import type { ServerDb } from '../db/server-database';
import type { Database } from '../db/schema';
import { requireEvent } from '../events/events-store';
import type { DoubleEntry, Occupancy, ScanSummary } from './ticket-api';
import { doorConfig } from './door-settings';
import { CHUNK } from './tickets-store';
import { scanMovements } from './scan-movements';
import { venueOccupancy } from '../venues/venue-occupancy';

/** Entries minus exits, as far as scans have synced: every admission let someone in, every exit scan out. */
export async function occupancy(s: ServerDb, eventId: string): Promise<Occupancy> {
  await requireEvent(s.db, eventId);
  const { capacity } = await doorConfig(s.db, eventId);
  const gates = await scanMovements(s.db, eventId, 'gate');
  const byGate = gates.map(({ key, entries, exits }) => ({ gate: key, entries, exits }));
  const entries = byGate.reduce((n, g) => n + g.entries, 0);
  const exits = byGate.reduce((n, g) => n + g.exits, 0);
  const doubles = await s.db
    .selectFrom('double_entries')
    .select(sql<number>`count(*)`.as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return {
    eventId,
    capacity,
    inside: Math.max(0, entries - exits),
    entries,
    exits,
    doubleEntries: Number(doubles.n),
    byGate,
    byVenue: await venueOccupancy(s.db, eventId),
  };
}

/** The event's double entries in the order the server found them, each with both scans. */
export async function listDoubleEntries(s: ServerDb, eventId: string): Promise<DoubleEntry[]> {
  await requireEvent(s.db, eventId);
  const found = await s.db
    .selectFrom('double_entries')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('duplicate_server_seq')
    .execute();
  const scans = await scanSummaries(
    s,
    found.flatMap((d) => [d.winner_scan_id, d.duplicate_scan_id]),
  );
  return found.map((d) => {
    const winner = scans.get(d.winner_scan_id);
    const duplicate = scans.get(d.duplicate_scan_id);
    const ticket = parseTicketKey(d.ticket_key);
    if (winner === undefined || duplicate === undefined || ticket === undefined) {
      throw new Error(`double entry ${d.duplicate_scan_id} is incomplete`);
    }
    return { ticket, kind: d.kind, winner, duplicate, detectedAt: d.detected_at };
  });
}

async function scanSummaries(s: ServerDb, ids: string[]): Promise<Map<string, ScanSummary>> {
  const summaries = new Map<string, ScanSummary>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await s.db
      .selectFrom('scans')
      .innerJoin('devices', 'devices.id', 'scans.device_id')
      .select([
        'scans.id',
        'scans.device_id',
        'devices.name as device_name',
        'scans.gate',
        'scans.direction',
        'scans.verdict',
        'scans.local_time',
        'scans.corrected_time',
        'scans.server_seq',
      ])
      .where('scans.id', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) summaries.set(r.id, toSummary(r));
  }
  return summaries;
}

function toSummary(
  r: Pick<
    Database['scans'],
    'id' | 'device_id' | 'gate' | 'direction' | 'verdict' | 'local_time' | 'corrected_time' | 'server_seq'
  > & {
    device_name: string;
  },
): ScanSummary {
  return {
    id: r.id,
    deviceId: r.device_id,
    deviceName: r.device_name,
    gate: r.gate,
    direction: r.direction,
    verdict: r.verdict,
    localTime: r.local_time,
    correctedTime: r.corrected_time,
    serverSeq: r.server_seq,
  };
}
