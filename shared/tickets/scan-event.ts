// The words of door check-in: what a scan concluded and why, and the immutable event every scan
// (valid or refused) leaves in the outbox. Kiosk, server and door screen share these schemas.
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { encodeBase32 } from './base32';

export const SCAN_OUTBOX_KIND = 'scan';

export const DirectionSchema = z.enum(['entry', 'exit']);
export type Direction = z.infer<typeof DirectionSchema>;

export const VerdictKindSchema = z.enum([
  'valid_entry',
  'valid_exit',
  'already_inside',
  /** Has been in and out, and this check-in list does not allow coming back. */
  'reentry_refused',
  /** An exit scan with no entry known: let the person leave, it is only reported. */
  'not_inside',
  'revoked',
  'blocked',
  'wrong_event',
  'not_yet_valid',
  'expired',
  'unknown_ticket',
  'forged',
  'unreadable',
]);
export type VerdictKind = z.infer<typeof VerdictKindSchema>;

/** Why, more precisely than the kind; the door screen words each one. */
export const ScanReasonSchema = z.enum([
  'entry_ok',
  /** A well-formed visitor pass this kiosk has not received yet (e.g. made minutes ago elsewhere). */
  'entry_ok_pass_not_synced',
  'exit_ok',
  'already_inside',
  /** The same door scanned it less than a minute ago: most likely a second scan, not a second person. */
  'scanned_again_here',
  'reentry_not_allowed',
  'exit_without_entry',
  'revoked',
  'blocked',
  'other_event',
  /** This check-in list takes tickets only, not visitor passes. */
  'pass_not_accepted',
  'not_yet_valid',
  'expired',
  'not_on_list',
  /** No signing key of this event on this device yet: sync before scanning signed tickets. */
  'no_keys',
  'bad_signature',
  /** Signed with a key id this event does not publish (or not yet synced here). */
  'unknown_key',
  'retired_key',
  'empty',
  'too_long',
  'binary',
  'damaged_ticket',
  /** A ticket or pass format newer than this app knows. */
  'newer_format',
  'damaged_pass',
]);
export type ScanReason = z.infer<typeof ScanReasonSchema>;

export const TicketSourceSchema = z.enum(['signed', 'imported', 'pass']);
export type TicketSource = z.infer<typeof TicketSourceSchema>;

/** Longest scanned text a door considers; longer is refused as unreadable before any lookup. */
export const MAX_SCAN_TEXT = 1024;
/** How much of a scanned text the scan event keeps (for refused codes: enough to investigate). */
export const MAX_STORED_TEXT = 256;

export const TicketRefSchema = z.object({
  source: TicketSourceSchema,
  id: z.string().min(1).max(MAX_SCAN_TEXT),
});
export type TicketRef = z.infer<typeof TicketRefSchema>;

/**
 * The one string naming a ticket in lookups (revocations, previous scans): the source keeps an
 * imported code from ever colliding with a signed ticket id or a pass id.
 */
export function ticketKey(ref: TicketRef): string {
  return `${ref.source}:${ref.id}`;
}

/** The ticket a `ticketKey()` names, or undefined for text that is not one. */
export function parseTicketKey(key: string): TicketRef | undefined {
  const colon = key.indexOf(':');
  const source = TicketSourceSchema.safeParse(key.slice(0, colon));
  const id = key.slice(colon + 1);
  return colon > 0 && source.success && id !== '' ? { source: source.data, id } : undefined;
}

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** 80 random bits, independent of any clock: the last tie-break when ordering scans. */
export const ScanNonceSchema = z.string().regex(/^[A-Z2-7]{16}$/, 'not a scan nonce');

export function newScanNonce(): string {
  return encodeBase32(crypto.getRandomValues(new Uint8Array(10)));
}

export const ScanEventSchema = z.object({
  id: z.uuid({ version: 'v7' }),
  nonce: ScanNonceSchema,
  deviceId: z.uuid(),
  /** The device's own scan counter (1, 2, …): orders its scans without trusting its clock. */
  seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  eventId: z.string().min(1).max(200),
  gate: z.string().min(1).max(64),
  direction: DirectionSchema,
  /** The scanned text, cut at MAX_STORED_TEXT characters. */
  text: z.string().max(MAX_STORED_TEXT),
  ticket: TicketRefSchema.nullable(),
  verdict: VerdictKindSchema,
  reason: ScanReasonSchema,
  needsAttention: z.boolean(),
  /** The device's wall clock, as it was: may be days off. */
  localTime: IsoTimeSchema,
  /** The device's estimate of server time (wall clock + last known offset); what validation used. */
  correctedTime: IsoTimeSchema,
});
export type ScanEvent = z.infer<typeof ScanEventSchema>;

/** What validation needs of an earlier scan of the same ticket, from this device or synced. */
export type PreviousScan = Pick<
  ScanEvent,
  'id' | 'nonce' | 'deviceId' | 'seq' | 'gate' | 'direction' | 'verdict' | 'localTime' | 'correctedTime'
> & {
  /** The server's change sequence for this scan once it has synced; null while only on its device. */
  serverSeq: number | null;
};

export type ScannedTicket = {
  ref: TicketRef;
  /** The ticket type's name, or for a signed ticket whose type is not known here, its number. */
  type: string | null;
  holder: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** False for a visitor pass this device has not received yet. */
  known: boolean;
};

export type ScanVerdict = {
  kind: VerdictKind;
  reason: ScanReason;
  /** Technical detail for logs (which character is damaged, which key id), never shown as the reason. */
  detail: string | null;
  /** Call a supervisor or look twice: a possible fraud, not a routine refusal. */
  needsAttention: boolean;
  /** Null when nothing trustworthy is known about the ticket (unreadable, forged, another event's code). */
  ticket: ScannedTicket | null;
  /** The scan that explains the verdict: for already_inside, the entry (when, gate, device). */
  previousScan: PreviousScan | null;
};

/** Where and how a scan happened. */
export type ScanPlace = { eventId: string; gate: string; deviceId: string; direction: Direction };

/** The outbox record of one scan; `seq` is the device's next scan number. */
export function buildScanEvent(input: {
  verdict: ScanVerdict;
  text: string;
  place: ScanPlace;
  seq: number;
  localTime: Date;
  correctedTime: Date;
}): ScanEvent {
  const { verdict, place } = input;
  return {
    id: uuidv7(),
    nonce: newScanNonce(),
    deviceId: place.deviceId,
    seq: input.seq,
    eventId: place.eventId,
    gate: place.gate,
    direction: place.direction,
    text: input.text.slice(0, MAX_STORED_TEXT),
    ticket: verdict.ticket?.ref ?? null,
    verdict: verdict.kind,
    reason: verdict.reason,
    needsAttention: verdict.needsAttention,
    localTime: input.localTime.toISOString(),
    correctedTime: input.correctedTime.toISOString(),
  };
}
