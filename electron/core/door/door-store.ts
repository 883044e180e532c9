// The door's tables (migration 0003): what it validates with, pulled from the server, and every
// scan it knows. Reads answer validateScan's lookups synchronously; a scan is written together
// with its outbox row, so a verdict on screen is a scan that will reach the server.
import type { DoorScanView } from '../../../shared/ipc/contract';
import {
  DEFAULT_DOOR_CONFIG,
  DoorConfigPayloadSchema,
  type DoorConfigPayload,
} from '../../../shared/sync/protocol';
import {
  SCAN_OUTBOX_KIND,
  ticketKey,
  type PreviousScan,
  type ScanEvent,
} from '../../../shared/tickets/scan-event';
import { ENTERING_VERDICTS, LEAVING_VERDICTS } from '../../../shared/tickets/scan-order';
import type { ScanLookups } from '../../../shared/tickets/validate-scan';
import type { KioskDb } from '../db/migrate';
import { enqueue } from '../outbox/outbox';
import type { ScanCounts } from './door-venue';

type ScanRow = {
  id: string;
  ticket_key: string | null;
  device_id: string;
  seq: number;
  nonce: string;
  gate: string;
  direction: PreviousScan['direction'];
  verdict: PreviousScan['verdict'];
  local_time: string;
  corrected_time: string;
  server_seq: number | null;
};

const SCAN_COLUMNS =
  'id, ticket_key, device_id, seq, nonce, gate, direction, verdict, local_time, corrected_time, server_seq';

const toPreviousScan = (r: ScanRow): PreviousScan => ({
  id: r.id,
  nonce: r.nonce,
  deviceId: r.device_id,
  seq: r.seq,
  gate: r.gate,
  direction: r.direction,
  verdict: r.verdict,
  localTime: r.local_time,
  correctedTime: r.corrected_time,
  serverSeq: r.server_seq,
});

export const scanView = (scan: PreviousScan, thisDevice: string): DoorScanView => ({
  id: scan.id,
  gate: scan.gate,
  deviceId: scan.deviceId,
  here: scan.deviceId === thisDevice,
  direction: scan.direction,
  verdict: scan.verdict,
  at: scan.correctedTime,
});

const inList = (verdicts: readonly string[]) => verdicts.map((v) => `'${v}'`).join(', ');

export type DoorStore = ReturnType<typeof createDoorStore>;

/** Prepared once: a verdict runs a handful of these, and must stay well under 2 ms. */
export function createDoorStore(db: KioskDb) {
  const keys = db.prepare<[string], { key_id: number; public_key: string; retired: 0 | 1 }>(
    'SELECT key_id, public_key, retired FROM ticket_keys WHERE event_id = ? ORDER BY key_id',
  );
  const ticket = db.prepare<
    [string],
    {
      event_id: string;
      ticket_type: string;
      holder: string | null;
      valid_from: string | null;
      valid_to: string | null;
    }
  >('SELECT event_id, ticket_type, holder, valid_from, valid_to FROM tickets WHERE ticket_key = ?');
  const pass = db.prepare<[string], { event_id: string }>(
    'SELECT event_id FROM submissions WHERE pass_id = ?',
  );
  const revocation = db.prepare<[string], { status: 'revoked' | 'blocked' }>(
    'SELECT status FROM revocations WHERE ticket_key = ?',
  );
  const scansOf = db.prepare<[string], ScanRow>(`SELECT ${SCAN_COLUMNS} FROM scans WHERE ticket_key = ?`);
  const nextSeq = db.prepare<[string], { seq: number }>(
    'SELECT coalesce(max(seq), 0) + 1 AS seq FROM scans WHERE device_id = ?',
  );
  const insertScan = db.prepare(
    `INSERT INTO scans (id, event_id, ticket_key, device_id, seq, nonce, gate, direction, verdict,
       local_time, corrected_time, server_seq)
     VALUES (@id, @eventId, @ticketKey, @deviceId, @seq, @nonce, @gate, @direction, @verdict,
       @localTime, @correctedTime, @serverSeq)
     ON CONFLICT (id) DO UPDATE SET server_seq = excluded.server_seq`,
  );
  const config = db.prepare<[string], { config: string }>(
    'SELECT config FROM door_config WHERE event_id = ?',
  );
  // By the doors' index (device_id, seq): "+event_id" keeps the planner off the event's whole range.
  const countsAt = db.prepare<[string, string], ScanCounts>(
    `SELECT coalesce(sum(verdict IN (${inList(ENTERING_VERDICTS)})), 0) AS entries,
       coalesce(sum(verdict IN (${inList(LEAVING_VERDICTS)})), 0) AS exits
     FROM scans WHERE device_id IN (SELECT value FROM json_each(?)) AND +event_id = ?`,
  );
  const counts = db.prepare<
    [string, string, string, string, string],
    { entries: number; exits: number; here: number; keys: number; tickets: number; revocations: number }
  >(
    `SELECT
       (SELECT count(*) FROM scans WHERE event_id = ? AND verdict IN (${inList(ENTERING_VERDICTS)})) AS entries,
       (SELECT count(*) FROM scans WHERE event_id = ? AND verdict IN (${inList(LEAVING_VERDICTS)})) AS exits,
       (SELECT count(*) FROM scans WHERE device_id = ?) AS here,
       (SELECT count(*) FROM ticket_keys WHERE event_id = ?) AS keys,
       (SELECT count(*) FROM tickets WHERE event_id = ?) AS tickets,
       (SELECT count(*) FROM revocations) AS revocations`,
  );
  const enteredTwice = db.prepare<[string], { ticket_key: string }>(
    `SELECT ticket_key FROM scans
     WHERE event_id = ? AND ticket_key IS NOT NULL AND verdict IN (${inList(ENTERING_VERDICTS)})
     GROUP BY ticket_key HAVING count(*) > 1`,
  );
  const scansOfTicket = (key: string): PreviousScan[] => scansOf.all(key).map(toPreviousScan);

  const lookups: ScanLookups = {
    publicKeys: (eventId) =>
      keys.all(eventId).map((k) => ({ keyId: k.key_id, publicKey: k.public_key, retired: k.retired === 1 })),
    importedTicket(code) {
      const row = ticket.get(ticketKey({ source: 'imported', id: code }));
      if (row === undefined) return undefined;
      const { event_id: eventId, ticket_type: ticketType, holder, valid_from, valid_to } = row;
      return { code, eventId, ticketType, holder, validFrom: valid_from, validTo: valid_to };
    },
    visitorPass(passId) {
      // Passes are made by kiosks of the event: one made here is known at once, others when synced.
      const row = pass.get(passId);
      return row === undefined ? undefined : { passId, eventId: row.event_id, holder: null };
    },
    revocation: (key) => revocation.get(key)?.status,
    lastScans: scansOfTicket,
    issuedTicket(ticketId) {
      const row = ticket.get(ticketKey({ source: 'signed', id: ticketId }));
      return row === undefined ? undefined : { holder: row.holder, typeName: row.ticket_type };
    },
  };

  return {
    lookups,

    /** Every scan of a ticket this door knows, its own and pulled, in no particular order. */
    scansOf: scansOfTicket,

    doorConfig(eventId: string): DoorConfigPayload {
      const row = config.get(eventId);
      return row === undefined
        ? { eventId, ...DEFAULT_DOOR_CONFIG }
        : DoorConfigPayloadSchema.parse(JSON.parse(row.config));
    },

    /** Records a scan built with the device's next scan number, with its outbox row, in one transaction. */
    recordScan(deviceId: string, build: (seq: number) => ScanEvent, ticketKey: string | null): ScanEvent {
      return db
        .transaction(() => {
          const event = build(nextSeq.get(deviceId)?.seq ?? 1);
          insertScan.run({ ...event, ticketKey, serverSeq: null });
          enqueue(db, {
            entityKind: SCAN_OUTBOX_KIND,
            entityId: event.id,
            payload: event,
            createdAt: event.localTime,
          });
          return event;
        })
        .immediate();
    },

    /** A scan pulled from the server (another door's, or this door's own coming back numbered). */
    upsertPulledScan(event: ScanEvent, ticketKey: string | null, serverSeq: number): void {
      insertScan.run({ ...event, ticketKey, serverSeq });
    },

    counts(eventId: string, deviceId: string) {
      const row = counts.get(eventId, eventId, deviceId, eventId, eventId);
      if (row === undefined) throw new Error('door counts: no row');
      return row;
    },

    /** Entries and exits of the event at some doors (a venue's): read through their scans alone. */
    countsAt(eventId: string, deviceIds: readonly string[]): ScanCounts {
      if (deviceIds.length === 0) return { entries: 0, exits: 0 };
      return countsAt.get(JSON.stringify(deviceIds), eventId) ?? { entries: 0, exits: 0 };
    },

    /** Tickets of the event admitted more than once: the candidates for a double entry. */
    ticketsEnteredTwice: (eventId: string): string[] => enteredTwice.all(eventId).map((r) => r.ticket_key),

    holderOf(key: string): string | null {
      return ticket.get(key)?.holder ?? null;
    },
  };
}
