// Fuzzing the door: random and mutated codes through decodeTicketText and validateScan. Seeded, so a
// failure names a case that replays. Nothing may throw; every verdict has a reason that belongs to
// its kind; no altered or foreign signed ticket is ever admitted.
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeVisitorPass } from '../passes/visitor-pass';
import { decodeBase32, encodeBase32 } from './base32';
import { type ScanReason, type VerdictKind, ScanReasonSchema, VerdictKindSchema } from './scan-event';
import { MemoryTickets } from './testing/memory-door';
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

const REASONS: Record<VerdictKind, ScanReason[]> = {
  valid_entry: ['entry_ok', 'entry_ok_pass_not_synced'],
  valid_exit: ['exit_ok'],
  already_inside: ['already_inside', 'scanned_again_here'],
  reentry_refused: ['reentry_not_allowed'],
  not_inside: ['exit_without_entry'],
  revoked: ['revoked'],
  blocked: ['blocked'],
  wrong_event: ['other_event', 'pass_not_accepted'],
  not_yet_valid: ['not_yet_valid'],
  expired: ['expired'],
  unknown_ticket: ['not_on_list', 'no_keys'],
  forged: ['bad_signature', 'unknown_key', 'retired_key'],
  unreadable: ['empty', 'too_long', 'binary', 'damaged_ticket', 'newer_format', 'damaged_pass'],
};

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const pick = (rnd: () => number, chars: string): string => chars.charAt(Math.floor(rnd() * chars.length));
const int = (rnd: () => number, below: number): number => Math.floor(rnd() * below);

/** The genuine ticket changed in one of the ways a camera, a printer or a forger would change it. */
function mutateTicket(rnd: () => number): string {
  const body = genuine.slice(SIGNED_TICKET_PREFIX.length);
  const at = int(rnd, body.length);
  switch (int(rnd, 7)) {
    case 0: {
      // Flip 1-3 bits of the bytes and re-encode: canonical base32, so only the signature can tell.
      const decoded = decodeBase32(body);
      if (!decoded.ok) throw new Error('genuine ticket not base32');
      const flips = 1 + int(rnd, 3);
      for (let i = 0; i < flips; i++) {
        const byte = int(rnd, decoded.bytes.length);
        decoded.bytes[byte] = (decoded.bytes[byte] as number) ^ (1 << int(rnd, 8));
      }
      return SIGNED_TICKET_PREFIX + encodeBase32(decoded.bytes);
    }
    case 1: {
      const replacement = pick(rnd, BASE32.replace(body.charAt(at), ''));
      return SIGNED_TICKET_PREFIX + body.slice(0, at) + replacement + body.slice(at + 1);
    }
    case 2:
      return genuine.slice(0, int(rnd, genuine.length));
    case 3:
      return SIGNED_TICKET_PREFIX + body.slice(0, at) + pick(rnd, BASE32) + body.slice(at);
    case 4:
      return SIGNED_TICKET_PREFIX + body.slice(0, at) + body.slice(at + 1);
    case 5: {
      const code = genuine.charCodeAt(at + SIGNED_TICKET_PREFIX.length) ^ (1 << int(rnd, 7));
      return genuine.slice(0, at + 4) + String.fromCharCode(code) + genuine.slice(at + 5);
    }
    default:
      // Two halves swapped: every character valid, the bytes scrambled.
      return SIGNED_TICKET_PREFIX + body.slice(at) + body.slice(0, at);
  }
}

function ean13(rnd: () => number): string {
  const digits = Array.from({ length: 12 }, () => int(rnd, 10));
  const sum = digits.reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return digits.join('') + String((10 - (sum % 10)) % 10);
}

/** Up to `maxLength` characters with codes from `first` to `last`. */
function randomText(rnd: () => number, maxLength: number, first: number, last: number): string {
  const length = int(rnd, maxLength + 1);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(first + int(rnd, last - first + 1));
  return text;
}

const OTHER_TEXTS = [
  '',
  ' ',
  'https://example.org/ticket?id=123',
  'WIFI:S:festival;T:WPA;P:secret;;',
  'BEGIN:VCARD\nFN:Ana\nEND:VCARD',
  '🎟️🎫🎉',
  'QT1:',
  'QP1:',
  'QT:',
  '\u0000'.repeat(20),
  ']C1010012345678901',
];

describe('fuzzing the door validator', () => {
  it('admits the genuine ticket, so refusing its mutations means something', async () => {
    expect(await validateScan(genuine, context('entry'))).toMatchObject({ kind: 'valid_entry' });
  });

  it('never admits a mutated signed ticket, and always answers with a reason', async () => {
    const rnd = random(1);
    const seen = new Map<VerdictKind, number>();
    for (let i = 0; i < CASES_PER_FAMILY * 3; i++) {
      const text = mutateTicket(rnd);
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
    const rnd = random(2);
    for (let i = 0; i < 200; i++) {
      const fields = { ...FIELDS, ticketId: encodeBase32(crypto.getRandomValues(new Uint8Array(10))) };
      const text = await encodeSignedTicket(fields, stranger);
      expect(await check(text, rnd)).toBe('forged');
    }
  });

  it('reads random base32 bodies of the right length as unreadable, forged or of another event', async () => {
    const rnd = random(3);
    for (let i = 0; i < CASES_PER_FAMILY; i++) {
      const bytes = Uint8Array.from({ length: 90 }, () => int(rnd, 256));
      if (rnd() < 0.5) bytes[0] = 1;
      const kind = await check(SIGNED_TICKET_PREFIX + encodeBase32(bytes), rnd);
      expect(['unreadable', 'forged', 'wrong_event']).toContain(kind);
    }
  });

  it('survives binary garbage, printable noise, other barcodes and huge inputs', async () => {
    const rnd = random(4);
    const huge = 'A'.repeat(1024 * 1024);
    const families: (() => string)[] = [
      () => randomText(rnd, 300, 0, 0xffff),
      () => randomText(rnd, 200, 0, 0xff),
      () => randomText(rnd, 200, 0x20, 0x7e),
      () => ean13(rnd),
      () => `https://tickets.example.org/${randomText(rnd, 40, 0x61, 0x7a)}`,
      () => String.fromCodePoint(0x1f300 + int(rnd, 200)).repeat(1 + int(rnd, 20)),
      () => (OTHER_TEXTS[int(rnd, OTHER_TEXTS.length)] as string) + (rnd() < 0.5 ? '' : pick(rnd, BASE32)),
      // Caps Lock on a keyboard-wedge scanner: the text is not ours and must not be admitted.
      () => genuine.toLowerCase(),
      () => huge.slice(0, 1000 + int(rnd, huge.length)),
      () => encodeVisitorPass(crypto.randomUUID()).slice(0, 4 + int(rnd, 40)),
    ];
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
