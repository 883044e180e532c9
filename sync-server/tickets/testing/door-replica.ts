// A door kiosk's view of the server for tests: it pulls the door stream over real HTTP and keeps
// what it learns in the shared in-memory lookups, applying each change as an upsert the way the
// kiosk's door mode must (a scan's serverSeq is its change's seq). With a MemoryDoor on top it
// scans offline and its events can be pushed.
import {
  DEFAULT_DOOR_CONFIG,
  PullResponseSchema,
  type DoorConfigPayload,
  type PullChange,
  type PushChange,
} from '../../../shared/sync/protocol';
import { ticketKey, type ScanEvent } from '../../../shared/tickets/scan-event';
import { MemoryDoor, MemoryTickets } from '../../../shared/tickets/testing/memory-door';
import type { TestDevice, TestServer } from '../../testing/test-server';

export class DoorReplica {
  readonly tickets = new MemoryTickets();
  config: DoorConfigPayload;
  cursor = 0;
  /** The outbox seq of the next scan pushed. */
  private nextSeq = 1;

  constructor(
    private readonly t: TestServer,
    readonly device: TestDevice,
  ) {
    this.config = { eventId: device.eventId, ...DEFAULT_DOOR_CONFIG };
  }

  /** Pulls the door stream until the server has nothing more; returns what it applied. */
  async pull(limit = 1000): Promise<PullChange[]> {
    const applied: PullChange[] = [];
    for (;;) {
      const query = new URLSearchParams({
        cursor: String(this.cursor),
        limit: String(limit),
        stream: 'door',
      });
      const response = await this.t.call('GET', `/v1/sync/pull?${query}`, { token: this.device.token });
      if (response.status !== 200) throw new Error(`door pull failed: ${JSON.stringify(response.body)}`);
      const page = PullResponseSchema.parse(response.body);
      for (const change of page.changes) this.apply(change);
      applied.push(...page.changes);
      this.cursor = page.cursor;
      if (!page.hasMore) return applied;
    }
  }

  apply(change: PullChange): void {
    const { tickets } = this;
    switch (change.kind) {
      case 'door_config':
        this.config = change.payload;
        break;
      case 'ticket_key': {
        const { eventId, keyId, publicKey, retired } = change.payload;
        const keys = (tickets.keys.get(eventId) ?? []).filter((k) => k.keyId !== keyId);
        tickets.keys.set(eventId, [...keys, { keyId, publicKey, retired }]);
        break;
      }
      case 'ticket': {
        const t = change.payload;
        if (t.source === 'imported') {
          const { code, eventId, ticketType, holder, validFrom, validTo } = t;
          tickets.imported.set(code, { code, eventId, ticketType, holder, validFrom, validTo });
        } else tickets.issued.set(t.ticketId, { holder: t.holder, typeName: t.typeName });
        break;
      }
      case 'revocation': {
        const key = ticketKey(change.payload.ticket);
        const { status } = change.payload;
        if (status === 'cleared') tickets.revocations.delete(key);
        else tickets.revocations.set(key, status);
        break;
      }
      case 'scan': {
        // Its own scan comes back numbered: the provisional copy is replaced.
        const scan = change.payload;
        if (scan.ticket !== null) {
          const key = ticketKey(scan.ticket);
          tickets.scans.set(
            key,
            (tickets.scans.get(key) ?? []).filter((s) => s.id !== scan.id),
          );
        }
        tickets.add(scan, change.seq);
        break;
      }
      default:
        break;
    }
  }

  /** A door that scans with this replica's knowledge; `clockSkewMs` offsets its wall clock. */
  door(gate: string, clockSkewMs = 0): MemoryDoor {
    return new MemoryDoor(this.tickets, {
      eventId: this.device.eventId,
      gate,
      deviceId: this.device.deviceId,
      rules: this.config.rules,
      clockSkewMs,
    });
  }

  /** The outbox changes for scan events, numbered on from the last pushed. */
  outbox(events: readonly ScanEvent[]): PushChange[] {
    return events.map((event) => ({
      seq: this.nextSeq++,
      kind: 'scan' as const,
      id: event.id,
      payload: event,
    }));
  }

  push(changes: PushChange[]) {
    return this.t.call('POST', '/v1/sync/push', {
      token: this.device.token,
      body: { deviceId: this.device.deviceId, changes },
      gzip: true,
    });
  }
}
