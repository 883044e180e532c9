import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeVisitorPass } from '../passes/visitor-pass';
import { MemoryDoor, MemoryTickets } from './testing/memory-door';
import { type TicketFields, encodeSignedTicket } from './ticket-codec';
import { type TicketKeyPair, exportPublicKey, generateTicketKey } from './ticket-keys';
import { type CheckInRules, type ImportedTicket, type ScanLookups, validateScan } from './validate-scan';

const EVENT = 'feria-2026';
const NOW = new Date('2026-11-01T12:00:00Z');
const minutes = (n: number): Date => new Date(NOW.getTime() + n * 60_000);
const DEVICE_A = '0199a3b2-0000-7000-8000-00000000000a';
const DEVICE_B = '0199a3b2-0000-7000-8000-00000000000b';
const PASS_ID = '0199a3b2-7c4e-7d21-9f00-1234567890ab';
const REENTRY: CheckInRules = { allowReentry: true, acceptPasses: true };
const ONCE: CheckInRules = { allowReentry: false, acceptPasses: true };

const FIELDS: TicketFields = {
  ticketId: 'TICKET2345ABCDEF',
  eventId: EVENT,
  ticketType: 2,
  validFrom: new Date('2026-11-01T08:00:00Z'),
  validTo: new Date('2026-11-03T23:59:00Z'),
};
const TICKET = {
  ref: { source: 'signed', id: 'TICKET2345ABCDEF' },
  type: '2',
  holder: null,
  validFrom: '2026-11-01T08:00:00.000Z',
  validTo: '2026-11-03T23:59:00.000Z',
  known: true,
} as const;
const IMPORTED: ImportedTicket = {
  code: 'TQ-88812-A',
  eventId: EVENT,
  ticketType: 'General',
  holder: 'Ana López',
  validFrom: '2026-11-01T08:00:00Z',
  validTo: '2026-11-01T23:00:00Z',
};

let key0: TicketKeyPair;
let key1: TicketKeyPair;
let stranger: TicketKeyPair;
let ticketText: string;
let tickets: MemoryTickets;
let gateA: MemoryDoor;
let gateB: MemoryDoor;

beforeAll(async () => {
  [key0, key1, stranger] = await Promise.all([
    generateTicketKey(0),
    generateTicketKey(1),
    generateTicketKey(0),
  ]);
  ticketText = await encodeSignedTicket(FIELDS, key0);
});

beforeEach(async () => {
  tickets = new MemoryTickets();
  tickets.keys.set(EVENT, [
    { keyId: 0, publicKey: await exportPublicKey(key0.publicKey), retired: false },
    { keyId: 1, publicKey: await exportPublicKey(key1.publicKey), retired: false },
  ]);
  tickets.imported.set(IMPORTED.code, IMPORTED);
  gateA = new MemoryDoor(tickets, { eventId: EVENT, gate: 'A', deviceId: DEVICE_A, rules: REENTRY });
  gateB = new MemoryDoor(tickets, { eventId: EVENT, gate: 'B', deviceId: DEVICE_B, rules: REENTRY });
});

const refused = (kind: string, reason: string, detail: string | null = null, needsAttention = false) => ({
  kind,
  reason,
  detail,
  needsAttention,
  ticket: null,
  previousScan: null,
});

const previous = (door: MemoryDoor, index: number) => {
  const e = door.events[index];
  if (e === undefined) throw new Error(`no scan ${index} at gate ${door.options.gate}`);
  const { id, nonce, deviceId, seq, gate, direction, verdict, localTime, correctedTime } = e;
  return { id, nonce, deviceId, seq, gate, direction, verdict, localTime, correctedTime, serverSeq: null };
};

describe('validateScan: signed tickets', () => {
  it('admits a signed ticket with no ticket list at all', async () => {
    expect(await gateA.scan(ticketText, NOW)).toEqual({
      kind: 'valid_entry',
      reason: 'entry_ok',
      detail: null,
      needsAttention: false,
      ticket: TICKET,
      previousScan: null,
    });
  });

  it('shows the holder and type name when the issuer synced them', async () => {
    tickets.issued.set(FIELDS.ticketId, { holder: 'Luis Pérez', typeName: 'VIP' });
    const verdict = await gateA.scan(ticketText, NOW);
    expect(verdict.ticket).toEqual({ ...TICKET, type: 'VIP', holder: 'Luis Pérez' });
  });

  it('says already inside, with when, which gate and which device', async () => {
    await gateB.scan(ticketText, minutes(-18));
    expect(await gateA.scan(ticketText, NOW)).toEqual({
      kind: 'already_inside',
      reason: 'already_inside',
      detail: null,
      needsAttention: true,
      ticket: TICKET,
      previousScan: {
        ...previous(gateB, 0),
        gate: 'B',
        deviceId: DEVICE_B,
        correctedTime: '2026-11-01T11:42:00.000Z',
        verdict: 'valid_entry',
      },
    });
  });

  it('treats the same door scanning again within a minute as a repeat, not a second person', async () => {
    await gateA.scan(ticketText, NOW);
    const again = await gateA.scan(ticketText, new Date(NOW.getTime() + 20_000));
    expect(again).toMatchObject({
      kind: 'already_inside',
      reason: 'scanned_again_here',
      needsAttention: false,
    });
    expect(again.previousScan).toEqual(previous(gateA, 0));
    const later = await gateA.scan(ticketText, minutes(5));
    expect(later).toMatchObject({ kind: 'already_inside', reason: 'already_inside', needsAttention: true });
  });

  it('lets the holder out, and back in where the list allows re-entry', async () => {
    await gateA.scan(ticketText, NOW);
    const exit = await gateB.scan(ticketText, minutes(30), 'exit');
    expect(exit).toEqual({
      kind: 'valid_exit',
      reason: 'exit_ok',
      detail: null,
      needsAttention: false,
      ticket: TICKET,
      previousScan: previous(gateA, 0),
    });
    const back = await gateA.scan(ticketText, minutes(60));
    expect(back).toEqual({
      ...exit,
      kind: 'valid_entry',
      reason: 'entry_ok',
      previousScan: previous(gateB, 0),
    });
  });

  it('refuses re-entry where the list forbids it, pointing at the first entry', async () => {
    const once = new MemoryDoor(tickets, { eventId: EVENT, gate: 'C', deviceId: DEVICE_A, rules: ONCE });
    await once.scan(ticketText, NOW);
    await once.scan(ticketText, minutes(30), 'exit');
    expect(await once.scan(ticketText, minutes(60))).toEqual({
      kind: 'reentry_refused',
      reason: 'reentry_not_allowed',
      detail: null,
      needsAttention: false,
      ticket: TICKET,
      previousScan: previous(once, 0),
    });
  });

  it('reports an exit with no entry known, and counts it as out', async () => {
    expect(await gateA.scan(ticketText, NOW, 'exit')).toEqual({
      kind: 'not_inside',
      reason: 'exit_without_entry',
      detail: null,
      needsAttention: false,
      ticket: TICKET,
      previousScan: null,
    });
    expect(await gateA.scan(ticketText, minutes(1))).toMatchObject({
      kind: 'valid_entry',
      reason: 'entry_ok',
    });
  });

  it('refuses revoked and blocked tickets, as needing attention', async () => {
    tickets.revocations.set(`signed:${FIELDS.ticketId}`, 'revoked');
    expect(await gateA.scan(ticketText, NOW)).toEqual({
      ...refused('revoked', 'revoked', null, true),
      ticket: TICKET,
    });
    tickets.revocations.set(`signed:${FIELDS.ticketId}`, 'blocked');
    expect(await gateA.scan(ticketText, NOW, 'exit')).toEqual({
      ...refused('blocked', 'blocked', null, true),
      ticket: TICKET,
    });
  });

  it('refuses entry outside the validity window, but never holds anyone inside', async () => {
    const early = new Date('2026-11-01T07:59:59Z');
    const late = new Date('2026-11-03T23:59:00.001Z');
    expect(await gateA.scan(ticketText, early)).toEqual({
      ...refused('not_yet_valid', 'not_yet_valid'),
      ticket: TICKET,
    });
    expect(await gateA.scan(ticketText, late)).toEqual({ ...refused('expired', 'expired'), ticket: TICKET });
    expect(await gateA.scan(ticketText, new Date('2026-11-03T23:59:00Z'))).toMatchObject({
      kind: 'valid_entry',
    });
    expect(await gateA.scan(ticketText, late, 'exit')).toMatchObject({ kind: 'valid_exit' });
  });

  it('refuses a ticket of another event before looking for its key', async () => {
    const other = await encodeSignedTicket({ ...FIELDS, eventId: 'feria-2025' }, stranger);
    const verdict = await gateA.scan(other, NOW);
    expect(verdict).toMatchObject({
      kind: 'wrong_event',
      reason: 'other_event',
      ticket: null,
      needsAttention: false,
    });
    expect(verdict.detail).toMatch(/^tag [0-9a-f]{8}$/);
  });

  it('calls a ticket signed by anyone else forged', async () => {
    const fake = await encodeSignedTicket(FIELDS, stranger);
    expect(await gateA.scan(fake, NOW)).toEqual(refused('forged', 'bad_signature', 'key 0', true));
  });

  it('refuses signed tickets as unknown, not forged, when this door has no keys yet', async () => {
    tickets.keys.clear();
    expect(await gateA.scan(ticketText, NOW)).toEqual(refused('unknown_ticket', 'no_keys'));
  });
});

describe('validateScan: key rotation', () => {
  it('admits tickets of every active key, and none of a retired or unpublished one', async () => {
    const byKey1 = await encodeSignedTicket({ ...FIELDS, ticketId: 'SECOND2345ABCDEF' }, key1);
    expect(await gateA.scan(ticketText, NOW)).toMatchObject({ kind: 'valid_entry' });
    expect(await gateA.scan(byKey1, NOW)).toMatchObject({ kind: 'valid_entry' });

    const [k0, k1] = tickets.keys.get(EVENT) ?? [];
    if (k0 === undefined || k1 === undefined) throw new Error('keys missing');
    tickets.keys.set(EVENT, [{ ...k0, retired: true }, k1]);
    tickets.scans.clear();
    expect(await gateA.scan(ticketText, NOW)).toEqual(refused('forged', 'retired_key', 'key 0', true));
    expect(await gateA.scan(byKey1, NOW)).toMatchObject({ kind: 'valid_entry' });

    tickets.keys.set(EVENT, [k1]);
    expect(await gateA.scan(ticketText, NOW)).toEqual(refused('forged', 'unknown_key', 'key 0', true));
  });
});

describe('validateScan: imported tickets and visitor passes', () => {
  const importedTicket = {
    ref: { source: 'imported', id: IMPORTED.code },
    type: 'General',
    holder: 'Ana López',
    validFrom: IMPORTED.validFrom,
    validTo: IMPORTED.validTo,
    known: true,
  };

  it('checks a box-office code against the synced list', async () => {
    expect(await gateA.scan(IMPORTED.code, NOW)).toEqual({
      kind: 'valid_entry',
      reason: 'entry_ok',
      detail: null,
      needsAttention: false,
      ticket: importedTicket,
      previousScan: null,
    });
    expect(await gateB.scan(IMPORTED.code, minutes(5))).toMatchObject({
      kind: 'already_inside',
      previousScan: previous(gateA, 0),
    });
    expect(await gateA.scan('TQ-00000-Z', NOW)).toEqual(refused('unknown_ticket', 'not_on_list'));
    expect(await gateA.scan(IMPORTED.code, minutes(12 * 60))).toMatchObject({ kind: 'expired' });
  });

  it('refuses a box-office ticket of another event, showing it', async () => {
    tickets.imported.set('OTHER-1', { ...IMPORTED, code: 'OTHER-1', eventId: 'feria-2025' });
    expect(await gateA.scan('OTHER-1', NOW)).toEqual({
      ...refused('wrong_event', 'other_event', 'ticket of feria-2025'),
      ticket: { ...importedTicket, ref: { source: 'imported', id: 'OTHER-1' } },
    });
  });

  it('admits a pass made on a kiosk that has not synced, and a synced one with its holder', async () => {
    const pass = encodeVisitorPass(PASS_ID);
    const passTicket = {
      ref: { source: 'pass', id: PASS_ID },
      type: null,
      holder: null,
      validFrom: null,
      validTo: null,
    };
    expect(await gateA.scan(pass, NOW)).toEqual({
      kind: 'valid_entry',
      reason: 'entry_ok_pass_not_synced',
      detail: null,
      needsAttention: false,
      ticket: { ...passTicket, known: false },
      previousScan: null,
    });
    tickets.passes.set(PASS_ID, { passId: PASS_ID, eventId: EVENT, holder: 'Rosa Díaz' });
    expect(await gateA.scan(pass, minutes(10), 'exit')).toMatchObject({
      kind: 'valid_exit',
      ticket: { ...passTicket, holder: 'Rosa Díaz', known: true },
    });
    tickets.passes.set(PASS_ID, { passId: PASS_ID, eventId: 'feria-2025', holder: 'Rosa Díaz' });
    expect(await gateA.scan(pass, minutes(20))).toMatchObject({
      kind: 'wrong_event',
      reason: 'other_event',
      detail: 'pass of feria-2025',
    });
  });

  it('refuses passes at a list that takes tickets only', async () => {
    const paidGate = new MemoryDoor(tickets, {
      eventId: EVENT,
      gate: 'main',
      deviceId: DEVICE_A,
      rules: { allowReentry: true, acceptPasses: false },
    });
    expect(await paidGate.scan(encodeVisitorPass(PASS_ID), NOW)).toEqual(
      refused('wrong_event', 'pass_not_accepted'),
    );
  });
});

describe('validateScan: unreadable codes', () => {
  it.each([
    ['', 'empty', null],
    ['X'.repeat(1025), 'too_long', '1025 characters'],
    ['TQ-88812-A\n', 'binary', 'control or invalid characters'],
    ['\ud83d', 'binary', 'control or invalid characters'],
    ['QT1:ABC', 'damaged_ticket', '3 characters after the prefix, expected 144'],
    ['QT2:ABC', 'newer_format', 'ticket format 2 is not known'],
    ['QP1:0199A3B2-7C4E-4D21-9F00-1234567890AB', 'damaged_pass', 'the pass id is not an upper-case UUIDv7'],
    ['QP2:0199A3B2-7C4E-7D21-9F00-1234567890AB', 'newer_format', 'does not start with QP1:'],
  ])('%j → unreadable (%s)', async (text, reason, detail) => {
    expect(await gateA.scan(text, NOW)).toEqual(refused('unreadable', reason, detail));
  });
});

describe('validateScan: asynchronous lookups (the server)', () => {
  it('gives the same verdicts when every lookup answers with a promise', async () => {
    await gateB.scan(ticketText, minutes(-18));
    const sync = tickets.lookups;
    const later =
      <A extends unknown[], R>(f: (...args: A) => R) =>
      async (...args: A): Promise<Awaited<R>> =>
        await f(...args);
    const lookups: ScanLookups = {
      publicKeys: later(sync.publicKeys),
      importedTicket: later(sync.importedTicket),
      visitorPass: later(sync.visitorPass),
      revocation: later(sync.revocation),
      lastScans: later(sync.lastScans),
    };
    const place = {
      eventId: EVENT,
      gate: 'A',
      deviceId: DEVICE_A,
      direction: 'entry' as const,
      rules: REENTRY,
    };
    expect(await validateScan(ticketText, { ...place, now: NOW, lookups })).toEqual(
      await validateScan(ticketText, { ...place, now: NOW, lookups: sync }),
    );
    expect(await validateScan(IMPORTED.code, { ...place, now: NOW, lookups })).toMatchObject({
      kind: 'valid_entry',
    });
  });
});
