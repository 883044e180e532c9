// Door kiosks (real kiosk cores) against a real sync server, on SQLite and PostgreSQL: every kind
// of code judged at the door and recorded with its outbox row; another gate's entry known after
// one sync round each; two doors offline admitting the same ticket, one with its clock two days
// ahead, and after both sync, each door and the server naming the same winner with both scans
// and the same occupancy.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DoorVerdict } from '../shared/ipc/contract';
import { setDeviceMode } from '../sync-server/devices/devices-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import {
  DoubleEntryListResponseSchema,
  IssueTicketsResponseSchema,
  OccupancyResponseSchema,
  type IssuedTicket,
} from '../sync-server/tickets/ticket-api';
import { countRows } from '../electron/core/testing/kiosk-fixtures';
import { createVenue, editVenue, setKioskVenue } from '../sync-server/venues/venues-store';
import { openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';
import { encodeVisitorPass } from '../shared/passes/visitor-pass';

const TWO_DAYS_MS = 2 * 24 * 3600 * 1000;
const CSV_HEADER = 'code,event,ticket_type,holder_name,valid_from,valid_to';

describe.each(DB_KINDS)('door kiosks on %s', (kind) => {
  let t: TestServer;
  let coordinator: string;
  const kiosks: SyncKiosk[] = [];
  beforeAll(async () => {
    t = await openServerForTest(kind);
    coordinator = await t.tokenFor('coordinator');
  });
  afterEach(() => {
    for (const k of kiosks.splice(0)) {
      k.close();
      k.remove();
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const ok = (response: { status: number; body: unknown }, status = 200) => {
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    return response.body;
  };

  /** An event with capacity 100, two signed tickets, two box-office tickets (EVENT-1, EVENT-2 revoked). */
  async function festival(door: Record<string, unknown> = {}) {
    const eventId = await t.createEvent();
    ok(
      await t.call('PUT', `/v1/events/${eventId}/door`, {
        token: coordinator,
        body: { capacity: 100, ...door },
      }),
    );
    const issued = ok(
      await t.call('POST', `/v1/events/${eventId}/tickets`, {
        token: coordinator,
        body: { type: 'General', holder: 'Ana Pérez', count: 2 },
      }),
      201,
    );
    const [ticket, other] = IssueTicketsResponseSchema.parse(issued).tickets as [IssuedTicket, IssuedTicket];
    const csv = [
      CSV_HEADER,
      `${eventId}-1,${eventId},Niños,Luis Ñúñez,,`,
      `${eventId}-2,${eventId},General,,,`,
    ].join('\n');
    ok(await t.call('POST', '/v1/tickets/import', { token: coordinator, body: { csv } }));
    ok(
      await t.call('POST', '/v1/tickets/revoke', {
        token: coordinator,
        body: { ticket: `${eventId}-2`, eventId },
      }),
    );
    return { eventId, ticket, other };
  }

  /**
   * A kiosk enrolled into the event and switched to door mode at `gate`; it has pulled once. The
   * server only gives the door stream to kiosks it knows are doors, so the coordinator marks it one
   * too (a kiosk that says so at enrolment is marked already; marking it again changes nothing).
   */
  async function doorKiosk(eventId: string, gate: string, clockAheadMs = 0) {
    const kiosk = await openSyncKiosk(
      clockAheadMs === 0 ? {} : { now: () => new Date(Date.now() + clockAheadMs) },
    );
    kiosks.push(kiosk);
    await kiosk.enrol(t.server, eventId);
    await setDeviceMode(t.server.db, kiosk.core.deviceId, 'door');
    const { settings } = await kiosk.call('staff:config', {});
    await kiosk.call('staff:configure', { settings: { ...settings, mode: 'door', gate } });
    await kiosk.call('staff:sync-now', {});
    const scan = (text: string, direction: 'entry' | 'exit' = 'entry'): Promise<DoorVerdict> =>
      kiosk.call('door:scan', { text, direction });
    return {
      kiosk,
      scan,
      status: () => kiosk.call('door:status', {}),
      sync: () => kiosk.call('staff:sync-now', {}),
    };
  }

  it('judges every kind of code and records each scan with its outbox row', async () => {
    const { eventId, ticket } = await festival();
    const north = await doorKiosk(eventId, 'Norte');
    expect((await north.status()).known).toEqual({ keys: 1, tickets: 4, revocations: 1 });

    const first = await north.scan(ticket.text);
    expect(first).toMatchObject({
      reason: 'entry_ok',
      needsAttention: false,
      ticket: { source: 'signed', type: 'General', holder: 'Ana Pérez' },
      scan: { verdict: 'valid_entry', gate: 'Norte', here: true, direction: 'entry' },
      previousScan: null,
    });
    expect(await north.scan(ticket.text)).toMatchObject({
      scan: { verdict: 'already_inside' },
      reason: 'scanned_again_here',
      previousScan: { id: first.scan.id, gate: 'Norte', here: true },
    });
    const forged = ticket.text.slice(0, -3) + (ticket.text.endsWith('AAA') ? 'BBB' : 'AAA');
    expect(await north.scan(forged)).toMatchObject({
      scan: { verdict: 'forged' },
      needsAttention: true,
      ticket: null,
    });
    expect(await north.scan(`${eventId}-1`)).toMatchObject({
      scan: { verdict: 'valid_entry' },
      ticket: { source: 'imported', type: 'Niños', holder: 'Luis Ñúñez' },
    });
    expect(await north.scan(`${eventId}-2`)).toMatchObject({
      scan: { verdict: 'revoked' },
      needsAttention: true,
    });
    expect(await north.scan('BOX-404')).toMatchObject({
      scan: { verdict: 'unknown_ticket' },
      reason: 'not_on_list',
    });
    expect(await north.scan('\u0000\u0001')).toMatchObject({
      scan: { verdict: 'unreadable' },
      reason: 'binary',
    });
    // Passes are for workshops: this list takes tickets only.
    expect(await north.scan(encodeVisitorPass(uuidv7()))).toMatchObject({
      scan: { verdict: 'wrong_event' },
      reason: 'pass_not_accepted',
    });
    expect(await north.scan(ticket.text, 'exit')).toMatchObject({ scan: { verdict: 'valid_exit' } });

    const rows = countRows(north.kiosk.dataDir);
    expect(rows.outbox).toBe(9);
    const status = await north.status();
    expect(status).toMatchObject({
      gate: 'Norte',
      eventId,
      scansHere: 9,
      pendingSync: 9,
      occupancy: { inside: 1, entries: 2, exits: 1, capacity: 100 },
      doubleEntryCount: 0,
    });

    await north.sync();
    expect((await north.status()).pendingSync).toBe(0);
    expect(await t.count('changes', { eventId })).toBeGreaterThanOrEqual(9);
  });

  it('knows another gate’s entry after one sync round each', async () => {
    const { eventId, ticket } = await festival();
    const north = await doorKiosk(eventId, 'Norte');
    const south = await doorKiosk(eventId, 'Sur');
    const entry = await north.scan(ticket.text);
    await north.sync();
    await south.sync();
    expect(await south.scan(ticket.text)).toMatchObject({
      scan: { verdict: 'already_inside', here: true, gate: 'Sur' },
      reason: 'already_inside',
      needsAttention: true,
      previousScan: { id: entry.scan.id, gate: 'Norte', here: false },
    });
  });

  it('reports a double entry made offline with the same winner on both doors and the server', async () => {
    const { eventId, ticket, other } = await festival({ allowReentry: false });
    const north = await doorKiosk(eventId, 'Norte');
    // South's clock is two days ahead: it must not change which entry stands.
    const south = await doorKiosk(eventId, 'Sur', TWO_DAYS_MS);

    // Both offline (no sync in between): each admits the same ticket.
    const atNorth = await north.scan(ticket.text);
    const atSouth = await south.scan(ticket.text);
    expect(atNorth.scan.verdict).toBe('valid_entry');
    expect(atSouth.scan.verdict).toBe('valid_entry');
    await north.scan(other.text);

    // South reaches the server first, so its entry is the one the server took first.
    await south.sync();
    await north.sync();
    await south.sync();

    const listed = DoubleEntryListResponseSchema.parse(
      ok(await t.call('GET', `/v1/events/${eventId}/double-entries`, { token: coordinator })),
    ).doubleEntries;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      ticket: { source: 'signed', id: ticket.ticketId },
      kind: 'while_inside',
      winner: { id: atSouth.scan.id, gate: 'Sur' },
      duplicate: { id: atNorth.scan.id, gate: 'Norte' },
    });
    const server = OccupancyResponseSchema.parse(
      ok(await t.call('GET', `/v1/events/${eventId}/occupancy`, { token: coordinator })),
    );
    expect(server).toMatchObject({ inside: 3, entries: 3, exits: 0, doubleEntries: 1 });

    for (const door of [north, south]) {
      const status = await door.status();
      expect(status.doubleEntryCount).toBe(1);
      expect(status.doubleEntries[0]).toMatchObject({
        ticket: { source: 'signed', id: ticket.ticketId },
        holder: 'Ana Pérez',
        kind: 'while_inside',
        winner: { id: atSouth.scan.id, gate: 'Sur' },
        duplicate: { id: atNorth.scan.id, gate: 'Norte' },
      });
      expect(status.occupancy).toEqual({
        venue: { id: `${eventId}~default`, name: expect.any(String) },
        inside: server.inside,
        capacity: 100,
        entries: 3,
        exits: 0,
      });
    }
    // Both scans stay: nothing was rejected or lost.
    expect((await north.status()).pendingSync).toBe(0);
    expect((await south.status()).pendingSync).toBe(0);
  });

  it('counts against the venue the console put it at, with that venue’s name and capacity', async () => {
    const { eventId, ticket, other } = await festival();
    const north = await doorKiosk(eventId, 'Norte');
    const south = await doorKiosk(eventId, 'Sur');
    const salon = await createVenue(t.server.db, eventId, { name: 'Salón de danza', capacity: 2 });
    await setKioskVenue(t.server.db, north.kiosk.core.deviceId, { venueId: salon.id });
    await north.sync();
    await south.sync();
    expect((await north.status()).occupancy).toEqual({
      venue: { id: salon.id, name: 'Salón de danza' },
      inside: 0,
      capacity: 2,
      entries: 0,
      exits: 0,
    });

    // Two admitted at the salón fill it; one at the south door counts for the default venue only.
    await north.scan(ticket.text);
    await north.scan(other.text);
    await south.scan(`${eventId}-1`);
    await north.sync();
    await south.sync();
    await north.sync();
    expect((await north.status()).occupancy).toMatchObject({ inside: 2, capacity: 2, entries: 2 });
    expect((await south.status()).occupancy).toMatchObject({
      venue: { id: `${eventId}~default` },
      inside: 1,
      capacity: 100,
    });

    await editVenue(t.server.db, eventId, salon.id, { name: 'Salón de baile', capacity: 3 });
    await north.sync();
    expect((await north.status()).occupancy).toMatchObject({
      venue: { name: 'Salón de baile' },
      inside: 2,
      capacity: 3,
    });
  });

  it('refuses door calls on a visitor kiosk, writing nothing', async () => {
    const { eventId, ticket } = await festival();
    const kiosk = await openSyncKiosk();
    kiosks.push(kiosk);
    await kiosk.enrol(t.server, eventId);
    await expect(kiosk.call('door:scan', { text: ticket.text, direction: 'entry' })).rejects.toThrow(
      'door:scan: forbidden this kiosk is not in door mode: choose door mode in the staff settings',
    );
    expect(countRows(kiosk.dataDir).outbox).toBe(0);
  });
});
