import { beforeAll, describe, expect, it } from 'vitest';
import type { PreviousScan, ScanEvent } from './scan-event';
import { type MovementScan, findDoubleEntries, orderScans, presenceOf } from './scan-order';
import { MemoryDoor, MemoryTickets } from './testing/memory-door';
import { encodeSignedTicket } from './ticket-codec';
import { type TicketKeyPair, exportPublicKey, generateTicketKey } from './ticket-keys';

const EVENT = 'feria-2026';
const NOW = new Date('2026-11-01T12:00:00Z');
const DAY_MS = 24 * 60 * 60_000;
const RULES = { allowReentry: true, acceptPasses: true };
const DEVICE_A = '0199a3b2-0000-7000-8000-00000000000a';
const DEVICE_B = '0199a3b2-0000-7000-8000-00000000000b';

const scan = (over: Partial<MovementScan>): MovementScan => ({
  serverSeq: null,
  deviceId: DEVICE_A,
  seq: 1,
  nonce: 'AAAAAAAAAAAAAAAA',
  direction: 'entry',
  verdict: 'valid_entry',
  ...over,
});

describe('orderScans', () => {
  it('orders by server sequence, then puts unsynced scans last, by device and counter, then nonce', () => {
    const s5 = scan({ serverSeq: 5, deviceId: DEVICE_B, seq: 9 });
    const s7 = scan({ serverSeq: 7, seq: 1 });
    const a1 = scan({ seq: 1, nonce: 'ZZZZZZZZZZZZZZZZ' });
    const a2 = scan({ seq: 2, nonce: 'AAAAAAAAAAAAAAAA' });
    const b1 = scan({ deviceId: DEVICE_B, seq: 1, nonce: 'MMMMMMMMMMMMMMMM' });
    const tieX = scan({ serverSeq: 9, nonce: 'BBBBBBBBBBBBBBBB' });
    const tieY = scan({ serverSeq: 9, nonce: 'CCCCCCCCCCCCCCCC' });
    const shuffled = [b1, a2, tieY, s7, a1, tieX, s5];
    expect([...shuffled].sort(orderScans)).toEqual([s5, s7, tieX, tieY, a1, a2, b1]);
    expect([...shuffled].reverse().sort(orderScans)).toEqual([s5, s7, tieX, tieY, a1, a2, b1]);
  });
});

describe('presenceOf and findDoubleEntries', () => {
  const entryA = scan({ serverSeq: 1 });
  const entryB = scan({ serverSeq: 2, deviceId: DEVICE_B });
  const exit = scan({ serverSeq: 3, direction: 'exit', verdict: 'valid_exit' });
  const refusedEntry = scan({ serverSeq: 4, verdict: 'already_inside' });
  const reentry = scan({ serverSeq: 5 });

  it('follows entries and exits in order, ignoring refused scans', () => {
    expect(presenceOf([reentry, exit, entryB, refusedEntry, entryA])).toEqual({
      inside: true,
      currentEntry: reentry,
      firstEntry: entryA,
      lastExit: exit,
    });
    expect(presenceOf([entryB, entryA])).toEqual({
      inside: true,
      currentEntry: entryA,
      firstEntry: entryA,
      lastExit: null,
    });
    expect(presenceOf([])).toEqual({ inside: false, currentEntry: null, firstEntry: null, lastExit: null });
  });

  it('names the later of two entries with no exit between, and forbidden re-entries', () => {
    const all = [reentry, refusedEntry, exit, entryB, entryA];
    expect(findDoubleEntries(all, { allowReentry: true })).toEqual([
      { winner: entryA, duplicate: entryB, kind: 'while_inside' },
    ]);
    expect(findDoubleEntries(all, { allowReentry: false })).toEqual([
      { winner: entryA, duplicate: entryB, kind: 'while_inside' },
      { winner: entryA, duplicate: reentry, kind: 'reentry' },
    ]);
    expect(findDoubleEntries([entryA, exit], { allowReentry: false })).toEqual([]);
  });
});

describe('two offline doors admitting the same ticket', () => {
  let key: TicketKeyPair;
  let ticket: string;
  beforeAll(async () => {
    key = await generateTicketKey(0);
    ticket = await encodeSignedTicket(
      { ticketId: 'DOUBLE2345ABCDEF', eventId: EVENT, ticketType: 1, validFrom: null, validTo: null },
      key,
    );
  });

  async function kiosk(deviceId: string, gate: string, clockSkewMs: number) {
    const tickets = new MemoryTickets();
    tickets.keys.set(EVENT, [{ keyId: 0, publicKey: await exportPublicKey(key.publicKey), retired: false }]);
    return new MemoryDoor(tickets, { eventId: EVENT, gate, deviceId, rules: RULES, clockSkewMs });
  }

  /**
   * Door A admits at 10:00 and door B at 10:05, both offline, A's clock off by `skewMs`; then they
   * sync in `firstToSync` order. Returns the double entry as the server and each door see it.
   */
  async function doubleEntry(skewMs: number, firstToSync: 'A' | 'B') {
    const doorA = await kiosk(DEVICE_A, 'A', skewMs);
    const doorB = await kiosk(DEVICE_B, 'B', 0);
    expect(await doorA.scan(ticket, new Date(NOW.getTime() - 2 * 3600_000))).toMatchObject({
      kind: 'valid_entry',
    });
    expect(await doorB.scan(ticket, new Date(NOW.getTime() - 2 * 3600_000 + 300_000))).toMatchObject({
      kind: 'valid_entry',
    });
    const [scanA] = doorA.events as [ScanEvent];
    const [scanB] = doorB.events as [ScanEvent];

    // Before door A syncs, it has pulled B's scan (already numbered by the server) next to its own.
    const pushed = firstToSync === 'A' ? [scanA, scanB] : [scanB, scanA];
    const serverSeq = new Map(pushed.map((e, i) => [e.id, 100 + i]));
    const numbered = (e: ScanEvent): PreviousScan & MovementScan => ({
      ...e,
      serverSeq: serverSeq.get(e.id) ?? null,
    });
    const unnumbered = (e: ScanEvent): PreviousScan & MovementScan => ({ ...e, serverSeq: null });
    const winnerId = (scans: (PreviousScan & MovementScan)[]) => {
      const found = findDoubleEntries(scans, RULES);
      expect(found).toHaveLength(1);
      return found[0]?.winner.id;
    };
    const server = winnerId([numbered(scanA), numbered(scanB)]);
    const doorABeforeItsPush =
      firstToSync === 'B'
        ? winnerId([unnumbered(scanA), numbered(scanB)])
        : winnerId([numbered(scanA), numbered(scanB)]);
    const doorBBeforeItsPush =
      firstToSync === 'A'
        ? winnerId([numbered(scanA), unnumbered(scanB)])
        : winnerId([numbered(scanA), numbered(scanB)]);
    return { server, doorABeforeItsPush, doorBBeforeItsPush, scanA, scanB };
  }

  it.each([0, 2 * DAY_MS, -2 * DAY_MS])(
    'picks the same winner everywhere with door A %i ms off',
    async (skew) => {
      for (const first of ['A', 'B'] as const) {
        const seen = await doubleEntry(skew, first);
        const expected = first === 'A' ? seen.scanA.id : seen.scanB.id;
        expect(seen).toMatchObject({
          server: expected,
          doorABeforeItsPush: expected,
          doorBBeforeItsPush: expected,
        });
      }
    },
  );

  it('would not be skew-proof by wall clock: the skewed door reverses the local-time order', async () => {
    const ahead = await doubleEntry(2 * DAY_MS, 'A');
    const behind = await doubleEntry(-2 * DAY_MS, 'A');
    const byLocalTime = (s: { scanA: ScanEvent; scanB: ScanEvent }) =>
      s.scanA.localTime < s.scanB.localTime ? s.scanA.id : s.scanB.id;
    expect(byLocalTime(ahead)).toBe(ahead.scanB.id);
    expect(byLocalTime(behind)).toBe(behind.scanA.id);
    expect(ahead.server).toBe(ahead.scanA.id);
    expect(behind.server).toBe(behind.scanA.id);
  });

  it('has a third door report the winner as the entry after both synced', async () => {
    const { scanA, scanB } = await doubleEntry(2 * DAY_MS, 'B');
    const doorC = await kiosk('0199a3b2-0000-7000-8000-00000000000c', 'C', 0);
    doorC.tickets.add(scanA, 101);
    doorC.tickets.add(scanB, 100);
    const verdict = await doorC.scan(ticket, NOW);
    expect(verdict).toMatchObject({ kind: 'already_inside', needsAttention: true });
    expect(verdict.previousScan).toMatchObject({
      id: scanB.id,
      gate: 'B',
      deviceId: DEVICE_B,
      serverSeq: 100,
    });
  });
});
