// An in-memory door for tests and benchmarks: the lookups `validateScan` needs, backed by maps, and
// a `scan` that validates and then records the scan event as a kiosk would. Not for production:
// the kiosk and the server answer the same lookups from their databases.
import {
  type Direction,
  type PreviousScan,
  type ScanEvent,
  type ScanVerdict,
  buildScanEvent,
  ticketKey,
} from '../scan-event';
import type { PublishedTicketKey } from '../ticket-keys';
import type { CheckInRules, ImportedTicket, ScanLookups, VisitorPassRecord } from '../validate-scan';
import { validateScan } from '../validate-scan';

export class MemoryTickets {
  readonly keys = new Map<string, PublishedTicketKey[]>();
  readonly imported = new Map<string, ImportedTicket>();
  readonly passes = new Map<string, VisitorPassRecord>();
  readonly revocations = new Map<string, 'revoked' | 'blocked'>();
  readonly issued = new Map<string, { holder: string | null; typeName: string }>();
  readonly scans = new Map<string, PreviousScan[]>();

  readonly lookups: ScanLookups = {
    publicKeys: (eventId) => this.keys.get(eventId) ?? [],
    importedTicket: (code) => this.imported.get(code),
    visitorPass: (passId) => this.passes.get(passId),
    revocation: (key) => this.revocations.get(key),
    lastScans: (key) => this.scans.get(key) ?? [],
    issuedTicket: (ticketId) => this.issued.get(ticketId),
  };

  /** Makes a scan event known here, as if recorded locally (serverSeq null) or pulled after sync. */
  add(event: ScanEvent, serverSeq: number | null = null): void {
    if (event.ticket === null) return;
    const key = ticketKey(event.ticket);
    const list = this.scans.get(key) ?? [];
    const { id, nonce, deviceId, seq, gate, direction, verdict, localTime, correctedTime } = event;
    list.push({ id, nonce, deviceId, seq, gate, direction, verdict, localTime, correctedTime, serverSeq });
    this.scans.set(key, list);
  }
}

export type DoorOptions = {
  eventId: string;
  gate: string;
  deviceId: string;
  rules: CheckInRules;
  /** Added to `now` to give the door's wall clock (its skew). */
  clockSkewMs?: number;
};

/** One door kiosk: validates, records its own scans in `tickets`, and keeps every event it made. */
export class MemoryDoor {
  readonly events: ScanEvent[] = [];

  constructor(
    readonly tickets: MemoryTickets,
    readonly options: DoorOptions,
  ) {}

  async scan(text: string, now: Date, direction: Direction = 'entry'): Promise<ScanVerdict> {
    const { eventId, gate, deviceId, rules } = this.options;
    const place = { eventId, gate, deviceId, direction };
    const verdict = await validateScan(text, { ...place, now, rules, lookups: this.tickets.lookups });
    const event = buildScanEvent({
      verdict,
      text,
      place,
      seq: this.events.length + 1,
      localTime: new Date(now.getTime() + (this.options.clockSkewMs ?? 0)),
      correctedTime: now,
    });
    this.events.push(event);
    this.tickets.add(event);
    return verdict;
  }
}
