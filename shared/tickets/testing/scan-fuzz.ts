// What the door's fuzz tests feed the validator (shared/tickets) and the kiosk's scanner input
// (electron/core/door): seeded random and mutated codes, so a failing case replays.
import { encodeVisitorPass } from '../../passes/visitor-pass';
import { decodeBase32, encodeBase32 } from '../base32';
import type { ScanReason, VerdictKind } from '../scan-event';
import { SIGNED_TICKET_PREFIX } from '../ticket-codec';

/** The reasons each verdict kind may carry: a reason outside its kind's list is a bug. */
export const REASONS: Record<VerdictKind, ScanReason[]> = {
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

export const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const pick = (rnd: () => number, chars: string): string =>
  chars.charAt(Math.floor(rnd() * chars.length));
export const int = (rnd: () => number, below: number): number => Math.floor(rnd() * below);

/** The genuine ticket changed in one of the ways a camera, a printer or a forger would change it. */
export function mutateTicket(rnd: () => number, genuine: string): string {
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

export function ean13(rnd: () => number): string {
  const digits = Array.from({ length: 12 }, () => int(rnd, 10));
  const sum = digits.reduce((s, d, i) => s + d * (i % 2 === 0 ? 1 : 3), 0);
  return digits.join('') + String((10 - (sum % 10)) % 10);
}

/** Up to `maxLength` characters with codes from `first` to `last`. */
export function randomText(rnd: () => number, maxLength: number, first: number, last: number): string {
  const length = int(rnd, maxLength + 1);
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(first + int(rnd, last - first + 1));
  return text;
}

export const OTHER_TEXTS = [
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

/**
 * Codes that are not ours or are damaged, one family after another: binary garbage, printable
 * noise, other barcodes, emoji, a wedge scanner with Caps Lock, huge inputs, cut visitor passes.
 */
export function noiseFamilies(rnd: () => number, genuine: string): (() => string)[] {
  const huge = 'A'.repeat(1024 * 1024);
  return [
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
}
