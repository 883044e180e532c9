// The one door check-in rule book, run by the kiosk at the door and by the server (pretix style):
// scanned text + where and when → a verdict with its reason. It never throws on any text; only a
// failing lookup (the caller's database) can make it reject.
//
// Three kinds of code reach a door:
//  - our signed tickets ('QT1:…'): checked with the event's public keys alone, so a ticket sold
//    after this door's last sync still scans;
//  - visitor passes ('QP1:' + registration id): a pass this door has not received yet is admitted
//    when well formed (see shared/passes/visitor-pass.ts for why passes carry no signature);
//  - anything else is a code from the online box office, checked against the synced import.
// Then, for all three: revocations and blocks, the validity window (entries only: nobody is held
// inside because their ticket expired), and where the holder is according to earlier scans.
import { z } from 'zod';
import { VISITOR_PASS_PREFIX, isVisitorPassText, readVisitorPass } from '../passes/visitor-pass';
import {
  type PreviousScan,
  type ScanPlace,
  type ScanReason,
  type ScanVerdict,
  type ScannedTicket,
  type VerdictKind,
  MAX_SCAN_TEXT,
  ticketKey,
} from './scan-event';
import { presenceOf } from './scan-order';
import { decodeTicketText, eventTag, isSignedTicketText, verifyTicketSignature } from './ticket-codec';
import { type PublishedTicketKey, cachedPublicKey } from './ticket-keys';

const IsoTimeSchema = z.iso.datetime({ offset: true });

/** A box-office ticket as imported from its CSV export. */
export const ImportedTicketSchema = z.object({
  code: z.string().min(1).max(MAX_SCAN_TEXT),
  eventId: z.string().min(1).max(200),
  ticketType: z.string().min(1).max(200),
  holder: z.string().max(200).nullable(),
  validFrom: IsoTimeSchema.nullable(),
  /** The last instant it admits. */
  validTo: IsoTimeSchema.nullable(),
});
export type ImportedTicket = z.infer<typeof ImportedTicketSchema>;

/** A registration's pass as synced from the kiosk that made it. */
export type VisitorPassRecord = { passId: string; eventId: string; holder: string | null };

/** Per check-in list (a set of gates sharing rules). */
export const CheckInRulesSchema = z.object({
  /** May a ticket that has entered and left come in again? */
  allowReentry: z.boolean(),
  /** Does this list admit visitor passes (workshops) or tickets only (the paid gate)? */
  acceptPasses: z.boolean(),
});
export type CheckInRules = z.infer<typeof CheckInRulesSchema>;

type MaybePromise<T> = T | Promise<T>;

/** The caller's data, synchronous (the kiosk's SQLite) or not (the server's database). */
export type ScanLookups = {
  /** Every published key of the event, retired ones included. */
  publicKeys(eventId: string): MaybePromise<readonly PublishedTicketKey[]>;
  importedTicket(code: string): MaybePromise<ImportedTicket | undefined>;
  visitorPass(passId: string): MaybePromise<VisitorPassRecord | undefined>;
  /** By `ticketKey(ref)`. */
  revocation(key: string): MaybePromise<'revoked' | 'blocked' | undefined>;
  /** Earlier scans of the ticket, by `ticketKey(ref)`, in any order; refused ones may be included. */
  lastScans(key: string): MaybePromise<readonly PreviousScan[]>;
  /** What the issuer recorded for one of its signed tickets, when synced (holder, type name). */
  issuedTicket?(ticketId: string): MaybePromise<{ holder: string | null; typeName: string } | undefined>;
};

export type ScanContext = ScanPlace & {
  /** Server-corrected time. */
  now: Date;
  rules: CheckInRules;
  lookups: ScanLookups;
};

/** A second scan by the same door within this is a repeat, not a second person. */
const REPEAT_WINDOW_MS = 60_000;

// Control characters, the replacement character left by a bad decode, and lone UTF-16 surrogates:
// what a camera or a scanner yields from binary data, never part of a ticket code.
const NOT_TEXT =
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  /[\u0000-\u001f\u007f-\u009f\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export async function validateScan(text: string, ctx: ScanContext): Promise<ScanVerdict> {
  if (text.length === 0) return refuse('unreadable', 'empty');
  if (text.length > MAX_SCAN_TEXT) return refuse('unreadable', 'too_long', `${text.length} characters`);
  if (NOT_TEXT.test(text)) return refuse('unreadable', 'binary', 'control or invalid characters');
  if (isSignedTicketText(text)) return validateSignedTicket(text, ctx);
  if (isVisitorPassText(text)) return validatePass(text, ctx);
  return validateImportedTicket(text, ctx);
}

async function validateSignedTicket(text: string, ctx: ScanContext): Promise<ScanVerdict> {
  const decoded = decodeTicketText(text);
  if (!decoded.ok) {
    const reason = decoded.problem === 'unsupported_version' ? 'newer_format' : 'damaged_ticket';
    return refuse('unreadable', reason, decoded.detail);
  }
  const t = decoded.ticket;
  if (t.eventTag !== (await eventTag(ctx.eventId))) {
    return refuse('wrong_event', 'other_event', `tag ${t.eventTag}`);
  }
  const keys = await ctx.lookups.publicKeys(ctx.eventId);
  if (keys.length === 0) return refuse('unknown_ticket', 'no_keys');
  const key = keys.find((k) => k.keyId === t.keyId);
  if (key === undefined) return refuse('forged', 'unknown_key', `key ${t.keyId}`, true);
  if (key.retired) return refuse('forged', 'retired_key', `key ${t.keyId}`, true);
  if (!(await verifyTicketSignature(t, await cachedPublicKey(key.publicKey)))) {
    return refuse('forged', 'bad_signature', `key ${t.keyId}`, true);
  }
  const issued = await ctx.lookups.issuedTicket?.(t.ticketId);
  return checkTicket(
    {
      ref: { source: 'signed', id: t.ticketId },
      type: issued?.typeName ?? String(t.ticketType),
      holder: issued?.holder ?? null,
      validFrom: t.validFrom?.toISOString() ?? null,
      validTo: t.validTo?.toISOString() ?? null,
      known: true,
    },
    ctx,
  );
}

async function validatePass(text: string, ctx: ScanContext): Promise<ScanVerdict> {
  const read = readVisitorPass(text);
  if (!read.ok) {
    const newer = !text.startsWith(VISITOR_PASS_PREFIX);
    return refuse('unreadable', newer ? 'newer_format' : 'damaged_pass', read.detail);
  }
  if (!ctx.rules.acceptPasses) return refuse('wrong_event', 'pass_not_accepted');
  const pass = await ctx.lookups.visitorPass(read.passId);
  const ticket: ScannedTicket = {
    ref: { source: 'pass', id: read.passId },
    type: null,
    holder: pass?.holder ?? null,
    validFrom: null,
    validTo: null,
    known: pass !== undefined,
  };
  if (pass !== undefined && pass.eventId !== ctx.eventId) {
    return refuse('wrong_event', 'other_event', `pass of ${pass.eventId}`, false, ticket);
  }
  return checkTicket(ticket, ctx);
}

async function validateImportedTicket(text: string, ctx: ScanContext): Promise<ScanVerdict> {
  const imported = await ctx.lookups.importedTicket(text);
  if (imported === undefined) return refuse('unknown_ticket', 'not_on_list');
  const ticket: ScannedTicket = {
    ref: { source: 'imported', id: imported.code },
    type: imported.ticketType,
    holder: imported.holder,
    validFrom: imported.validFrom,
    validTo: imported.validTo,
    known: true,
  };
  if (imported.eventId !== ctx.eventId) {
    return refuse('wrong_event', 'other_event', `ticket of ${imported.eventId}`, false, ticket);
  }
  return checkTicket(ticket, ctx);
}

/** The checks every genuine ticket or pass of this event goes through. */
async function checkTicket(ticket: ScannedTicket, ctx: ScanContext): Promise<ScanVerdict> {
  const key = ticketKey(ticket.ref);
  const revocation = await ctx.lookups.revocation(key);
  if (revocation !== undefined) return refuse(revocation, revocation, null, true, ticket);
  const now = ctx.now.getTime();
  if (ctx.direction === 'entry') {
    if (ticket.validFrom !== null && now < Date.parse(ticket.validFrom)) {
      return refuse('not_yet_valid', 'not_yet_valid', null, false, ticket);
    }
    if (ticket.validTo !== null && now > Date.parse(ticket.validTo)) {
      return refuse('expired', 'expired', null, false, ticket);
    }
  }
  const presence = presenceOf(await ctx.lookups.lastScans(key));
  const verdict = (kind: VerdictKind, reason: ScanReason, previous: PreviousScan | null, attention = false) =>
    ({
      kind,
      reason,
      detail: null,
      needsAttention: attention,
      ticket,
      previousScan: previous,
    }) satisfies ScanVerdict;

  if (ctx.direction === 'exit') {
    return presence.inside
      ? verdict('valid_exit', 'exit_ok', presence.currentEntry)
      : verdict('not_inside', 'exit_without_entry', presence.lastExit);
  }
  const entry = presence.currentEntry;
  if (entry !== null) {
    const repeat =
      entry.deviceId === ctx.deviceId && Math.abs(now - Date.parse(entry.correctedTime)) <= REPEAT_WINDOW_MS;
    return repeat
      ? verdict('already_inside', 'scanned_again_here', entry)
      : verdict('already_inside', 'already_inside', entry, true);
  }
  if (presence.firstEntry !== null && !ctx.rules.allowReentry) {
    return verdict('reentry_refused', 'reentry_not_allowed', presence.firstEntry);
  }
  return verdict('valid_entry', ticket.known ? 'entry_ok' : 'entry_ok_pass_not_synced', presence.lastExit);
}

function refuse(
  kind: VerdictKind,
  reason: ScanReason,
  detail: string | null = null,
  needsAttention = false,
  ticket: ScannedTicket | null = null,
): ScanVerdict {
  return { kind, reason, detail, needsAttention, ticket, previousScan: null };
}
