// Door scans on SQLite and PostgreSQL: pushed as immutable events, numbered in commit order and
// pulled by the other doors; double entries made by offline doors found at merge with the same
// winner on the server and on every door, whatever the push order's timing and the doors' clocks;
// occupancy; and bad pushes refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema, PushResponseSchema, type PushChange } from '../../shared/sync/protocol';
import type { ScanEvent } from '../../shared/tickets/scan-event';
import { findDoubleEntries } from '../../shared/tickets/scan-order';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { DoorReplica } from './testing/door-replica';
import {
  DoubleEntryListResponseSchema,
  IssueTicketsResponseSchema,
  OccupancyResponseSchema,
  type IssuedTicket,
} from './ticket-api';

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;
const T0 = new Date('2026-11-21T10:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

describe.each(DB_KINDS)('door scans on %s', (kind) => {
  let t: TestServer;
  let coordinator: string;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** An event with one signed ticket and two door kiosks that have pulled its keys. */
  async function gates(door: Record<string, unknown> = {}) {
    const eventId = await t.createEvent();
    if (Object.keys(door).length > 0) {
      const set = await t.call('PUT', `/v1/events/${eventId}/door`, { token: coordinator, body: door });
      expect(set.status, JSON.stringify(set.body)).toBe(200);
    }
    const issued = await t.call('POST', `/v1/events/${eventId}/tickets`, {
      token: coordinator,
      body: { type: 'General', holder: 'Ana', count: 2 },
    });
    const [ticket, other] = IssueTicketsResponseSchema.parse(issued.body).tickets as [
      IssuedTicket,
      IssuedTicket,
    ];
    const north = new DoorReplica(t, await t.enrol(eventId, 'North door', 'door'));
    const south = new DoorReplica(t, await t.enrol(eventId, 'South door', 'door'));
    await north.pull();
    await south.pull();
    return { eventId, ticket, other, north, south };
  }
  const acked = (response: { status: number; body: unknown }) => {
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return PushResponseSchema.parse(response.body);
  };
  const pushScans = async (door: DoorReplica, events: readonly ScanEvent[]) =>
    acked(await door.push(door.outbox(events)));
  const doubleEntries = async (eventId: string) => {
    const response = await t.call('GET', `/v1/events/${eventId}/double-entries`, { token: coordinator });
    expect(response.status).toBe(200);
    return DoubleEntryListResponseSchema.parse(response.body).doubleEntries;
  };
  const occupancyOf = async (eventId: string) =>
    OccupancyResponseSchema.parse(
      (await t.call('GET', `/v1/events/${eventId}/occupancy`, { token: coordinator })).body,
    );
  const stored = async (eventId: string) =>
    Number(
      (
        await t.server.db.db
          .selectFrom('scans')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe.each([
    ['no skew', 0],
    ['north door 2 days ahead', 2 * DAY],
    ['north door 2 days behind', -2 * DAY],
  ])('two offline doors admit the same ticket (%s)', (_name, skew) => {
    it.each(['north', 'south'] as const)(
      'reports exactly one double entry with both scans when %s pushes first, the same winner everywhere',
      async (first) => {
        const { eventId, ticket, north, south } = await gates();
        const northDoor = north.door('North', skew);
        const southDoor = south.door('South');
        expect(await northDoor.scan(ticket.text, at(0))).toMatchObject({ kind: 'valid_entry' });
        expect(await southDoor.scan(ticket.text, at(5))).toMatchObject({ kind: 'valid_entry' });
        const [northScan] = northDoor.events as [ScanEvent];
        const [southScan] = southDoor.events as [ScanEvent];
        expect(Date.parse(northScan.localTime) - Date.parse(northScan.correctedTime)).toBe(skew);

        const order = first === 'north' ? ([north, south] as const) : ([south, north] as const);
        for (const door of order) {
          const events = door === north ? northDoor.events : southDoor.events;
          expect(await pushScans(door, events)).toMatchObject({ ackedThroughSeq: 1, rejected: [] });
        }
        const [winner, duplicate] = first === 'north' ? [northScan, southScan] : [southScan, northScan];

        const found = await doubleEntries(eventId);
        expect(found).toEqual([
          {
            ticket: { source: 'signed', id: ticket.ticketId },
            kind: 'while_inside',
            winner: expect.objectContaining({ id: winner.id, gate: winner.gate, verdict: 'valid_entry' }),
            duplicate: expect.objectContaining({
              id: duplicate.id,
              gate: duplicate.gate,
              verdict: 'valid_entry',
            }),
            detectedAt: expect.any(String),
          },
        ]);
        expect(found[0]?.winner.serverSeq).toBeLessThan(found[0]?.duplicate.serverSeq ?? 0);
        expect(found[0]?.winner.deviceName).toBe(first === 'north' ? 'North door' : 'South door');
        expect(found[0]?.[first === 'north' ? 'winner' : 'duplicate'].localTime).toBe(northScan.localTime);

        // Each door, once it has pulled, finds the same pair with the same winner.
        for (const door of [north, south]) {
          await door.pull();
          const scans = door.tickets.scans.get(`signed:${ticket.ticketId}`) ?? [];
          expect(scans.every((s) => s.serverSeq !== null)).toBe(true);
          const local = findDoubleEntries(scans, door.config.rules);
          expect(local.map((d) => [d.winner.id, d.duplicate.id])).toEqual([[winner.id, duplicate.id]]);
        }
        expect(await occupancyOf(eventId)).toMatchObject({
          inside: 2,
          entries: 2,
          exits: 0,
          doubleEntries: 1,
          byGate: [
            { gate: 'North', entries: 1, exits: 0 },
            { gate: 'South', entries: 1, exits: 0 },
          ],
        });
      },
    );
  });

  it('lets another door know of an entry within one pull, and counts who is inside against the capacity', async () => {
    const { eventId, ticket, other, north, south } = await gates({ capacity: 500 });
    const northDoor = north.door('North');
    const southDoor = south.door('South');
    await northDoor.scan(ticket.text, at(0));
    await northDoor.scan(other.text, at(1));
    await pushScans(north, northDoor.events);
    const pulled = await south.pull();
    expect(pulled.map((c) => c.kind)).toEqual(['scan', 'scan']);
    expect(pulled.map((c) => c.id)).toEqual(northDoor.events.map((e) => e.id));

    const again = await southDoor.scan(ticket.text, at(3));
    expect(again).toMatchObject({
      kind: 'already_inside',
      reason: 'already_inside',
      needsAttention: true,
      previousScan: { id: northDoor.events[0]?.id, gate: 'North', deviceId: north.device.deviceId },
    });
    expect(await southDoor.scan(other.text, at(4), 'exit')).toMatchObject({ kind: 'valid_exit' });
    await pushScans(south, southDoor.events);
    // A refused scan is stored too, and is no double entry.
    expect(await stored(eventId)).toBe(4);
    expect(await doubleEntries(eventId)).toEqual([]);
    expect(await occupancyOf(eventId)).toMatchObject({
      capacity: 500,
      inside: 1,
      entries: 2,
      exits: 1,
      doubleEntries: 0,
      byGate: [
        { gate: 'North', entries: 2, exits: 0 },
        { gate: 'South', entries: 0, exits: 1 },
      ],
    });
  });

  it('flags a re-entry where the rules forbid it, with the first entry as the winner', async () => {
    const { eventId, ticket, north, south } = await gates({ allowReentry: false });
    expect(north.config.rules.allowReentry).toBe(false);
    const northDoor = north.door('North');
    await northDoor.scan(ticket.text, at(0));
    await northDoor.scan(ticket.text, at(30), 'exit');
    const southDoor = south.door('South');
    await southDoor.scan(ticket.text, at(60));
    await pushScans(north, northDoor.events);
    await pushScans(south, southDoor.events);
    const found = await doubleEntries(eventId);
    expect(found.map((d) => [d.kind, d.winner.id, d.duplicate.id])).toEqual([
      ['reentry', northDoor.events[0]?.id, southDoor.events[0]?.id],
    ]);
  });

  it('finds one double entry when both doors push at the same moment', async () => {
    const { eventId, ticket, north, south } = await gates();
    const northDoor = north.door('North');
    const southDoor = south.door('South');
    await northDoor.scan(ticket.text, at(0));
    await southDoor.scan(ticket.text, at(0));
    await Promise.all([pushScans(north, northDoor.events), pushScans(south, southDoor.events)]);
    const found = await doubleEntries(eventId);
    expect(found).toHaveLength(1);
    const ids = [northDoor.events[0]?.id, southDoor.events[0]?.id];
    expect(ids).toContain(found[0]?.winner.id);
    expect(ids).toContain(found[0]?.duplicate.id);
    expect(found[0]?.winner.serverSeq).toBeLessThan(found[0]?.duplicate.serverSeq ?? 0);
  });

  it('stores a scan once: replays and retries are harmless, altered copies refused', async () => {
    const { eventId, ticket, north } = await gates();
    const northDoor = north.door('North');
    await northDoor.scan(ticket.text, at(0));
    const [scan] = northDoor.events as [ScanEvent];
    const batch = north.outbox([scan]);
    await pushScans(north, []);
    expect(acked(await north.push(batch))).toMatchObject({ ackedThroughSeq: 1, rejected: [] });
    const changesAfterFirst = await t.count('changes', { eventId });
    expect(acked(await north.push(batch))).toMatchObject({ ackedThroughSeq: 1, rejected: [] });
    expect(acked(await north.push(north.outbox([scan])))).toMatchObject({ ackedThroughSeq: 2, rejected: [] });
    const altered = { ...scan, gate: 'Elsewhere' };
    expect(acked(await north.push(north.outbox([altered])))).toEqual({
      ackedThroughSeq: 3,
      rejected: [
        {
          seq: 3,
          id: scan.id,
          code: 'conflict',
          message: `Scan ${scan.id} was received before with different content; this copy was not stored`,
        },
      ],
      serverTime: expect.any(String),
    });
    expect(await stored(eventId)).toBe(1);
    expect(await t.count('changes', { eventId })).toBe(changesAfterFirst);
  });

  it('refuses bad scan pushes with the right error, writing nothing', async () => {
    const { eventId, ticket, north, south } = await gates();
    const northDoor = north.door('North');
    await northDoor.scan(ticket.text, at(0));
    const [scan] = northDoor.events as [ScanEvent];
    const changesBefore = await t.count('changes', { eventId });
    const push = (changes: unknown[], deviceId = north.device.deviceId) =>
      t.call('POST', '/v1/sync/push', { token: north.device.token, body: { deviceId, changes } });
    const change = (payload: unknown, id = scan.id): PushChange => ({ seq: 1, kind: 'scan', id, payload });

    const refusals: [unknown[], string, number, string, string][] = [
      [
        [{ seq: 1, kind: 'scan', payload: scan }],
        north.device.deviceId,
        400,
        'invalid_input',
        'changes.0.id',
      ],
      [
        [change({ ...scan, deviceId: south.device.deviceId })],
        north.device.deviceId,
        403,
        'forbidden',
        'changes.0.payload.deviceId',
      ],
      [[change(scan)], south.device.deviceId, 403, 'forbidden', 'deviceId'],
    ];
    for (const [changes, deviceId, status, code, field] of refusals) {
      const response = await push(changes, deviceId);
      expect(response.status, field).toBe(status);
      expect(errorOf(response.body)).toMatchObject({ code, field });
    }
    expect(await stored(eventId)).toBe(0);
    expect(await t.count('changes', { eventId })).toBe(changesBefore);
    expect(acked(await push([]))).toMatchObject({ ackedThroughSeq: 0 });

    // A malformed scan, or one for an event this door is not at, is refused on its own, so it
    // cannot block the door's queue; nothing is stored.
    const malformed = acked(await push([change({ ...scan, verdict: 'maybe' })]));
    expect(malformed.rejected).toEqual([
      { seq: 1, id: scan.id, code: 'invalid', message: expect.stringMatching(/^verdict: /) },
    ]);
    const mismatched = acked(
      await push([{ ...change(scan, '0190a5e4-0000-7000-8000-0000000000ff'), seq: 2 }]),
    );
    expect(mismatched.rejected).toMatchObject([{ seq: 2, code: 'invalid' }]);
    const unknownEvent = acked(await push([{ ...change({ ...scan, eventId: 'no_such_event' }), seq: 3 }]));
    expect(unknownEvent.rejected).toEqual([
      {
        seq: 3,
        id: scan.id,
        code: 'event_not_assigned',
        message: 'this kiosk is not assigned to event no_such_event',
      },
    ]);
    expect(await stored(eventId)).toBe(0);
    expect(await t.count('changes', { eventId })).toBe(changesBefore);
  });
});
