// Fuzzing the door: random and mutated codes through decodeTicketText and validateScan. Seeded, so a
// failure names a case that replays. Nothing may throw; every verdict has a reason that belongs to
// its kind; no altered or foreign signed ticket is ever admitted.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBase32 } from './base32';
import { type VerdictKind, ScanReasonSchema, VerdictKindSchema } from './scan-event';
import { MemoryTickets } from './testing/memory-door';
import { seededRandom } from '../random/seeded-random';
import { int, mutateTicket, noiseFamilies, REASONS } from './testing/scan-fuzz';
import {
  SIGNED_TICKET_PREFIX,
  type TicketFields,
  decodeTicketText,
  encodeSignedTicket,
} from './ticket-codec';
import { type TicketKeyPair, exportPublicKey, generateTicketKey } from './ticket-keys';
import { type ScanContext, validateScan } from './validate-scan';

const EVENT = 'feria-2026';
const NOW = new Date('2026-11-01T12:00:00Z');
const CASES_PER_FAMILY = 1_500;

const FIELDS: TicketFields = {
  ticketId: 'FUZZ234567ABCDEF',
  eventId: EVENT,
  ticketType: 1,
  validFrom: new Date('2026-11-01T08:00:00Z'),
  validTo: new Date('2026-11-03T23:59:00Z'),
};

let active: TicketKeyPair;
let stranger: TicketKeyPair;
let genuine: string;
let tickets: MemoryTickets;

beforeAll(async () => {
  [active, stranger] = await Promise.all([generateTicketKey(0), generateTicketKey(0)]);
  const retired = await generateTicketKey(1);
  genuine = await encodeSignedTicket(FIELDS, active);
  tickets = new MemoryTickets();
  tickets.keys.set(EVENT, [
    { keyId: 0, publicKey: await exportPublicKey(active.publicKey), retired: false },
    { keyId: 1, publicKey: await exportPublicKey(retired.publicKey), retired: true },
  ]);
  tickets.imported.set('TQ-88812-A', {
    code: 'TQ-88812-A',
    eventId: EVENT,
    ticketType: 'General',
    holder: null,
    validFrom: null,
    validTo: null,
  });
});

const context = (direction: 'entry' | 'exit'): ScanContext => ({
  eventId: EVENT,
  gate: 'A',
  deviceId: '0199a3b2-0000-7000-8000-00000000000a',
  direction,
  now: NOW,
  rules: { allowReentry: true, acceptPasses: true },
  lookups: tickets.lookups,
});

/** Runs one text through both entry points and checks the invariants; returns the verdict kind. */
async function check(text: string, rnd: () => number): Promise<VerdictKind> {
  const decoded = decodeTicketText(text);
  if (!decoded.ok) expect(decoded.detail.length, JSON.stringify(text.slice(0, 80))).toBeGreaterThan(0);
  const verdict = await validateScan(text, context(rnd() < 0.8 ? 'entry' : 'exit'));
  const kind = VerdictKindSchema.parse(verdict.kind);
  const reason = ScanReasonSchema.parse(verdict.reason);
  expect(REASONS[kind], `${kind}/${reason} for ${JSON.stringify(text.slice(0, 80))}`).toContain(reason);
  return kind;
}

describe('fuzzing the door validator', () => {
  it('admits the genuine ticket, so refusing its mutations means something', async () => {
    expect(await validateScan(genuine, context('entry'))).toMatchObject({ kind: 'valid_entry' });
  });

  it('never admits a mutated signed ticket, and always answers with a reason', async () => {
    const rnd = seededRandom(1);
    const seen = new Map<VerdictKind, number>();
    for (let i = 0; i < CASES_PER_FAMILY * 3; i++) {
      const text = mutateTicket(rnd, genuine);
      if (text === genuine) continue;
      const kind = await check(text, rnd);
      expect(kind, `mutation ${i}: ${text}`).not.toMatch(/^valid_/);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
    }
    // The mutations reach the signature check and the reading checks, not just one of them (a text
    // cut inside its prefix reads as an unknown box-office code).
    expect([...seen.keys()].sort()).toEqual(['forged', 'unknown_ticket', 'unreadable', 'wrong_event']);
  });

  it('calls tickets signed with a stranger key forged, whatever they say', async () => {
    const rnd = seededRandom(2);
    for (let i = 0; i < 200; i++) {
      const fields = { ...FIELDS, ticketId: encodeBase32(crypto.getRandomValues(new Uint8Array(10))) };
      const text = await encodeSignedTicket(fields, stranger);
      expect(await check(text, rnd)).toBe('forged');
    }
  });

  it('reads random base32 bodies of the right length as unreadable, forged or of another event', async () => {
    const rnd = seededRandom(3);
    for (let i = 0; i < CASES_PER_FAMILY; i++) {
      const bytes = Uint8Array.from({ length: 90 }, () => int(rnd, 256));
      if (rnd() < 0.5) bytes[0] = 1;
      const kind = await check(SIGNED_TICKET_PREFIX + encodeBase32(bytes), rnd);
      expect(['unreadable', 'forged', 'wrong_event']).toContain(kind);
    }
  });

  it('survives binary garbage, printable noise, other barcodes and huge inputs', async () => {
    const rnd = seededRandom(4);
    const huge = 'A'.repeat(1024 * 1024);
    const families = noiseFamilies(rnd, genuine);
    let count = 0;
    for (let i = 0; i < CASES_PER_FAMILY * 4; i++) {
      const family = families[i % families.length] as () => string;
      const kind = await check(family(), rnd);
      expect(kind === 'valid_entry' || kind === 'valid_exit' || kind === 'not_inside').toBe(false);
      count++;
    }
    expect(count).toBe(CASES_PER_FAMILY * 4);
    expect(await validateScan(huge, context('entry'))).toMatchObject({
      kind: 'unreadable',
      reason: 'too_long',
    });
  });
});
