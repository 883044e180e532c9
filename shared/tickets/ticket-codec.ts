// Our signed tickets: a 26-byte payload and its 64-byte Ed25519 signature, as 'QT1:' + 144 base32
// characters (148 in all, QR version 6 at error correction M; pretix's base64 tickets of 116-140
// characters need version 7-8). A door verifies one with the event's public keys and no ticket list.
//
// Payload, big-endian, version 1 (the signature covers all of it):
//   0      format version (1)
//   1      key id (0-255): which of the event's keys signed it
//   2-11   ticket id, 10 random bytes (80 bits). A 16-byte UUID would make the text 156 characters
//          and the QR version 7; 80 random bits drawn by the issuing server (which refuses a repeat)
//          give a collision chance near 1e-13 at 500,000 tickets, and nobody can mint ids anyway
//          without the private key. Shown as its 16 base32 characters.
//   12-15  event tag: the first 4 bytes of SHA-256(event id). Any kiosk derives it from the event id
//          it already has, with no table of event numbers to sync; the signature, not the tag,
//          binds the ticket to the event's keys, so 32 bits only need to tell events apart.
//   16-17  ticket type (0-65535), the issuer's number for it
//   18-21  valid from, minutes since 2020-01-01T00:00Z; 0 = no start
//   22-25  valid until (the last instant it admits), minutes since the same epoch; 0xFFFFFFFF = no end
//   26-89  Ed25519 signature of bytes 0-25
import { z } from 'zod';
import { decodeBase32, encodeBase32 } from './base32';
import { KeyIdSchema, type TicketSigningKey, type WebCryptoKey } from './ticket-keys';

export const SIGNED_TICKET_PREFIX = 'QT1:';
export const TICKET_FORMAT_VERSION = 1;
export const TICKET_ID_BYTES = 10;
export const TICKET_EPOCH = new Date(Date.UTC(2020, 0, 1));

const PAYLOAD_BYTES = 26;
const SIGNATURE_BYTES = 64;
const TICKET_BYTES = PAYLOAD_BYTES + SIGNATURE_BYTES;
const MINUTE_MS = 60_000;
const OPEN_START = 0;
const OPEN_END = 0xffffffff;
const ANY_TICKET_FORMAT = /^QT\d+:/;

/** A ticket id as text: its 10 bytes in base32, exactly 16 characters. */
export const TicketIdSchema = z.string().regex(/^[A-Z2-7]{16}$/, 'not a ticket id');

const TicketTimeSchema = z
  .date()
  .refine((d) => d.getTime() % MINUTE_MS === 0, 'must be a whole minute')
  .refine((d) => d > TICKET_EPOCH && d.getTime() < TICKET_EPOCH.getTime() + OPEN_END * MINUTE_MS, {
    message: 'out of the ticket time range',
  });

const TYPE_RANGE = 'ticket types are 0-65535';

export const TicketFieldsSchema = z
  .object({
    ticketId: TicketIdSchema,
    eventId: z.string().min(1).max(200),
    ticketType: z.number().int(TYPE_RANGE).min(0, TYPE_RANGE).max(0xffff, TYPE_RANGE),
    validFrom: TicketTimeSchema.nullable(),
    validTo: TicketTimeSchema.nullable(),
  })
  .refine((t) => t.validFrom === null || t.validTo === null || t.validFrom <= t.validTo, {
    message: 'validFrom is after validTo',
    path: ['validFrom'],
  });
export type TicketFields = z.infer<typeof TicketFieldsSchema>;

export type DecodedTicket = {
  version: number;
  keyId: number;
  ticketId: string;
  /** 8 hex digits; compare with `eventTag(eventId)`. */
  eventTag: string;
  ticketType: number;
  validFrom: Date | null;
  validTo: Date | null;
  /** The bytes the signature covers, and the signature. */
  payload: Uint8Array<ArrayBuffer>;
  signature: Uint8Array<ArrayBuffer>;
};

export type TicketDecodeProblem =
  'not_a_signed_ticket' | 'unsupported_version' | 'bad_character' | 'bad_length' | 'nonzero_padding_bits';

export type TicketDecodeResult =
  | { ok: true; ticket: DecodedTicket }
  | { ok: false; reason: 'unreadable'; problem: TicketDecodeProblem; detail: string };

export function newTicketId(): string {
  return encodeBase32(crypto.getRandomValues(new Uint8Array(TICKET_ID_BYTES)));
}

/** Whether the text claims to be one of our signed tickets, of any format version (a damaged one included). */
export function isSignedTicketText(text: string): boolean {
  return ANY_TICKET_FORMAT.test(text);
}

export async function encodeSignedTicket(fields: TicketFields, key: TicketSigningKey): Promise<string> {
  const t = TicketFieldsSchema.parse(fields);
  const keyId = KeyIdSchema.parse(key.keyId);
  const bytes = new Uint8Array(TICKET_BYTES);
  const view = new DataView(bytes.buffer);
  bytes[0] = TICKET_FORMAT_VERSION;
  bytes[1] = keyId;
  const id = decodeBase32(t.ticketId);
  if (!id.ok) throw new Error('unreachable: ticket id checked by its schema');
  bytes.set(id.bytes, 2);
  bytes.set(await eventTagBytes(t.eventId), 12);
  view.setUint16(16, t.ticketType);
  view.setUint32(18, t.validFrom === null ? OPEN_START : toMinutes(t.validFrom));
  view.setUint32(22, t.validTo === null ? OPEN_END : toMinutes(t.validTo));
  const payload = bytes.subarray(0, PAYLOAD_BYTES);
  const signature = await crypto.subtle.sign('Ed25519', key.privateKey, payload);
  bytes.set(new Uint8Array(signature), PAYLOAD_BYTES);
  return SIGNED_TICKET_PREFIX + encodeBase32(bytes);
}

/** Reads the text without checking the signature (that needs the event's keys: `verifyTicketSignature`). */
export function decodeTicketText(text: string): TicketDecodeResult {
  if (!text.startsWith(SIGNED_TICKET_PREFIX)) {
    return ANY_TICKET_FORMAT.test(text)
      ? unreadable('unsupported_version', `ticket format ${text.slice(2, text.indexOf(':'))} is not known`)
      : unreadable('not_a_signed_ticket', `does not start with ${SIGNED_TICKET_PREFIX}`);
  }
  const body = text.slice(SIGNED_TICKET_PREFIX.length);
  const expectedLength = Math.ceil((TICKET_BYTES * 8) / 5);
  if (body.length !== expectedLength) {
    return unreadable('bad_length', `${body.length} characters after the prefix, expected ${expectedLength}`);
  }
  const decoded = decodeBase32(body);
  if (!decoded.ok) {
    return decoded.problem === 'bad_character'
      ? unreadable('bad_character', `character ${decoded.index + 1} after the prefix is not base32`)
      : unreadable(decoded.problem, 'not canonical base32');
  }
  const bytes = decoded.bytes;
  const view = new DataView(bytes.buffer);
  const version = bytes[0] as number;
  if (version !== TICKET_FORMAT_VERSION) {
    return unreadable('unsupported_version', `payload format ${version} is not known`);
  }
  const from = view.getUint32(18);
  const to = view.getUint32(22);
  return {
    ok: true,
    ticket: {
      version,
      keyId: bytes[1] as number,
      ticketId: encodeBase32(bytes.subarray(2, 12)),
      eventTag: toHex(bytes.subarray(12, 16)),
      ticketType: view.getUint16(16),
      validFrom: from === OPEN_START ? null : fromMinutes(from),
      validTo: to === OPEN_END ? null : fromMinutes(to),
      payload: bytes.slice(0, PAYLOAD_BYTES),
      signature: bytes.slice(PAYLOAD_BYTES),
    },
  };
}

export async function verifyTicketSignature(
  ticket: DecodedTicket,
  publicKey: WebCryptoKey,
): Promise<boolean> {
  if (ticket.signature.length !== SIGNATURE_BYTES) return false;
  return crypto.subtle.verify('Ed25519', publicKey, ticket.signature, ticket.payload);
}

const MAX_CACHED_TAGS = 1024;
const eventTags = new Map<string, Uint8Array<ArrayBuffer>>();

/** The 4-byte tag a ticket carries for its event, as 8 hex digits. */
export async function eventTag(eventId: string): Promise<string> {
  return toHex(await eventTagBytes(eventId));
}

async function eventTagBytes(eventId: string): Promise<Uint8Array<ArrayBuffer>> {
  let tag = eventTags.get(eventId);
  if (tag === undefined) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(eventId));
    tag = new Uint8Array(digest, 0, 4);
    if (eventTags.size >= MAX_CACHED_TAGS) eventTags.clear();
    eventTags.set(eventId, tag);
  }
  return tag;
}

function unreadable(problem: TicketDecodeProblem, detail: string): TicketDecodeResult {
  return { ok: false, reason: 'unreadable', problem, detail };
}

const toMinutes = (d: Date): number => (d.getTime() - TICKET_EPOCH.getTime()) / MINUTE_MS;
const fromMinutes = (minutes: number): Date => new Date(TICKET_EPOCH.getTime() + minutes * MINUTE_MS);
const toHex = (bytes: Uint8Array): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
