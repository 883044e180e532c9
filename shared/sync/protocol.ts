// The sync protocol between kiosks and the sync server: headers, limits, errors and the request
// and response bodies of enrolment, push and pull. Both sides import these schemas, so a field
// renamed here breaks the build on both. docs/sync-protocol.md explains the semantics.
import { z } from 'zod';
import { AnswersSchema, FormDefinitionSchema, LanguageSchema, NameSchema } from '../forms/form-definition';
import { KioskModeSchema, OfferedFormSchema } from '../kiosk/kiosk-settings';
import { ScanEventSchema } from '../tickets/scan-event';
import { BrandingPayloadSchema } from './branding';
import {
  DoorConfigPayloadSchema,
  RevocationPayloadSchema,
  TicketKeyPayloadSchema,
  TicketPayloadSchema,
} from './door-payloads';
import {
  ENROL_ALPHABET,
  ENROL_CODE_LENGTH,
  enrolUriParams,
  normalizeEnrolCode,
  normalizeFingerprint,
} from './enrol-code';

export * from './attachments';
export * from './door-payloads';
export {
  ENROL_ALPHABET,
  ENROL_CODE_LENGTH,
  enrolUri,
  formatEnrolCode,
  normalizeEnrolCode,
  normalizeFingerprint,
} from './enrol-code';

/** The protocol this build speaks. Bump it when a request or response changes incompatibly. */
export const PROTOCOL_VERSION = 1;

export const HEADERS = {
  /** Request: the protocol version the client speaks (an integer). Response: the server's. */
  protocol: 'x-quiosco-protocol',
  /** Request: the client's name and version, e.g. "quiosco-kiosk/0.1.0"; kept for staff. */
  app: 'x-quiosco-app',
  /** Response: the server's clock as an ISO 8601 UTC time, on every response. */
  serverTime: 'x-quiosco-server-time',
  /**
   * Request, optional, push only: the seq of the batch's first change, so the server can line up
   * a kiosk's two batches in flight by seq rather than by arrival (docs/sync-protocol.md).
   */
  firstSeq: 'x-quiosco-first-seq',
} as const;

export const ProtocolRangeSchema = z.object({ oldest: z.number().int(), newest: z.number().int() });
export type ProtocolRange = z.infer<typeof ProtocolRangeSchema>;

/**
 * A server speaking `current` also accepts the version before it, so a site can upgrade its
 * server first and its kiosks one by one afterwards.
 */
export function supportedProtocols(current: number = PROTOCOL_VERSION): ProtocolRange {
  return { oldest: Math.max(1, current - 1), newest: current };
}

export function checkProtocol(version: number, range: ProtocolRange): 'ok' | 'too_old' | 'too_new' {
  if (version < range.oldest) return 'too_old';
  if (version > range.newest) return 'too_new';
  return 'ok';
}

/** Most changes one push may carry; the kiosk sends its outbox in batches of at most this. */
export const MAX_PUSH_CHANGES = 1000;
/** Largest request body after decompression (a full push batch of big answers fits). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
export const DEFAULT_PULL_LIMIT = 200;
export const MAX_PULL_LIMIT = 1000;
/**
 * Deepest nesting of objects and arrays a pushed record's payload may have (a repeat inside a
 * repeat is 4 levels); a deeper record is refused on its own as 'invalid'.
 */
export const MAX_PAYLOAD_DEPTH = 64;

export const IsoTimeSchema = z.iso.datetime({ offset: true });
/**
 * Kiosks name themselves and their records with UUIDs (v7, so ids sort by creation). Read in
 * lower case: the same UUID in upper case is the same device or record, never a second one.
 */
export const DeviceIdSchema = z.uuid().transform((id) => id.toLowerCase());
export const RecordIdSchema = z.uuid().transform((id) => id.toLowerCase());
export const EventIdSchema = NameSchema;
/** A gapless per-device counter, 1 for the first outbox row. */
export const SeqSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const CursorSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const FIRST_SEQ_FORMAT = `send the seq of the batch's first change, an integer from 0 to ${Number.MAX_SAFE_INTEGER}`;
/** The first-seq header (HEADERS.firstSeq): a non-negative safe integer in decimal, nothing around it. */
export const FirstSeqHeaderSchema = z
  .string()
  .regex(/^\d{1,16}$/, FIRST_SEQ_FORMAT)
  .transform(Number)
  .refine(Number.isSafeInteger, FIRST_SEQ_FORMAT);

export const ErrorCodeSchema = z.enum([
  'invalid_input',
  'unauthenticated',
  'token_revoked',
  'device_revoked',
  'forbidden',
  'not_found',
  'conflict',
  'sequence_gap',
  'enrol_code_invalid',
  'enrol_code_used',
  'enrol_code_expired',
  'payload_too_large',
  'unsupported_media_type',
  'protocol_unsupported',
  'internal',
  'unavailable',
  /** Attachment upload: the chunk does not start where the server's copy ends (see `received`). */
  'offset_mismatch',
  /** Attachment upload: the bytes do not hash to the name they were sent under; discarded. */
  'hash_mismatch',
  /** Attachment upload: not a file of the type its name says, by its content (the code predates recordings and documents). */
  'not_an_image',
  /**
   * Push: a seq the server settled already came again with other content, so two kiosks share
   * this device id (a cloned disk image). Nothing of the batch was applied; the kiosk takes a new
   * device id, enrols again and re-sends its whole outbox (`field` names the first such change).
   */
  'device_cloned',
  /** Console sign-in: no such account, a disabled one, or a wrong password (never said which). */
  'wrong_credentials',
  /** Console sign-in: too many wrong passwords; the account refuses every sign-in until `retryAt`. */
  'locked_out',
  /** Too many requests of this kind at once (console sign-ins): try again after `retryAfter` seconds. */
  'too_many_requests',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** One bad row of an uploaded file: its 1-based line (where the record starts) and what is wrong. */
export const RowErrorSchema = z.object({
  line: z.number().int().min(1),
  /** The column at fault, by its header name, when there is one. */
  column: z.string().optional(),
  message: z.string(),
});
export type RowError = z.infer<typeof RowErrorSchema>;

/** Every non-2xx response has this body. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: ErrorCodeSchema,
    message: z.string(),
    /** The request field at fault, as a dotted path ("changes.3.seq") or a header name. */
    field: z.string().optional(),
    /** sequence_gap: the seq the server needs next. */
    expectedSeq: SeqSchema.optional(),
    /** protocol_unsupported: the versions this server accepts. */
    supported: ProtocolRangeSchema.optional(),
    /** invalid_input from a file upload (a ticket import): every bad row, by line. */
    rows: z.array(RowErrorSchema).optional(),
    /** offset_mismatch: the bytes of the attachment the server holds; resume from there. */
    received: z.number().int().min(0).optional(),
    /** locked_out: when the account takes sign-ins again. */
    retryAt: IsoTimeSchema.optional(),
    /** too_many_requests: seconds to wait, as in the Retry-After header. */
    retryAfter: z.number().int().min(1).optional(),
  }),
  serverTime: IsoTimeSchema,
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// Enrolment -----------------------------------------------------------------------------------

export const EnrolCodeSchema = z
  .string()
  .max(40)
  .transform(normalizeEnrolCode)
  .pipe(
    z
      .string()
      .length(ENROL_CODE_LENGTH, `an enrolment code has ${ENROL_CODE_LENGTH} letters and digits`)
      .refine((code) => [...code].every((c) => ENROL_ALPHABET.includes(c)), 'not an enrolment code'),
  );

export type EnrolText = { code: string; server?: string; fingerprint?: string };

/**
 * Reads what staff typed or scanned: a bare code, or the QR's quiosco://enrol URI (with the
 * server's address and certificate fingerprint; a URI without `fp`, from before TLS, still reads).
 * A malformed `fp` makes the whole text unreadable rather than an enrolment without a pin.
 */
export function parseEnrolText(text: string): EnrolText | undefined {
  const query = enrolUriParams(text);
  if (query) {
    const code = EnrolCodeSchema.safeParse(query.get('code') ?? '');
    if (!code.success) return undefined;
    const parsed: EnrolText = { code: code.data };
    const server = query.get('server');
    if (server !== null) parsed.server = server;
    const fp = query.get('fp');
    if (fp !== null) {
      const fingerprint = normalizeFingerprint(fp);
      if (fingerprint === undefined) return undefined;
      parsed.fingerprint = fingerprint;
    }
    return parsed;
  }
  const code = EnrolCodeSchema.safeParse(text.trim());
  return code.success ? { code: code.data } : undefined;
}

export const EnrolRequestSchema = z.strictObject({
  code: EnrolCodeSchema,
  deviceId: DeviceIdSchema,
  deviceName: z.string().trim().min(1).max(80),
  /**
   * What the kiosk is set up as; a door gets the door stream and may push scans. Kiosks that do
   * not say are visitor kiosks (the coordinator can make one a door later).
   */
  mode: KioskModeSchema.optional(),
});
export type EnrolRequest = z.input<typeof EnrolRequestSchema>;

/**
 * The server's X25519 public key (raw, base64url) that kiosks seal USB bundles to
 * (docs/sync-protocol.md#sealed-bundles). Optional in answers: older servers have none.
 */
export const BundleKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not an X25519 public key');

export const EnrolResponseSchema = z.object({
  deviceId: DeviceIdSchema,
  /** Shown once: the kiosk keeps it and sends it as `Authorization: Bearer …`. */
  deviceToken: z.string(),
  eventId: EventIdSchema,
  serverTime: IsoTimeSchema,
  bundleKey: BundleKeySchema.optional(),
});
export type EnrolResponse = z.infer<typeof EnrolResponseSchema>;

// Push ----------------------------------------------------------------------------------------

/** One visitor response as the kiosk stores it (its outbox payload for kind "submission"). */
export const SubmissionPayloadSchema = z.strictObject({
  id: RecordIdSchema,
  formId: NameSchema,
  // No control characters: PostgreSQL text cannot hold NUL, and a version is printable anyway.
  formVersion: z
    .string()
    .min(1)
    .max(32)
    .regex(/^\P{Cc}+$/u, 'a form version has no control characters'),
  deviceId: DeviceIdSchema,
  eventId: EventIdSchema,
  language: LanguageSchema,
  complete: z.boolean(),
  answers: AnswersSchema,
  passId: z.string().max(64).nullable(),
  privacyNoticeVersion: z.string().max(40).nullable(),
  startedAt: IsoTimeSchema,
  /** The kiosk's clock when saved: informative only, never used for ordering. */
  createdAt: IsoTimeSchema,
  // Revisions (field records, issue 10). `id` names this revision; all revisions of one record
  // share `recordId`. Absent on visitor responses and on a record's first revision from older
  // kiosks: then recordId = id, revision = 1, parents = [].
  /** The record this revision belongs to (the id of its first revision). */
  recordId: RecordIdSchema.optional(),
  /** 1 for the first revision; max(parents' revision) + 1 after that. */
  revision: z.number().int().min(1).max(100_000).optional(),
  /** Revision ids this one was made from: none (first), one (an edit) or two (a merge of a conflict). */
  parents: z.array(RecordIdSchema).max(2).optional(),
  /** Who made this revision (the staff member's name as typed at the kiosk), for the record's history. */
  editedBy: z.string().max(80).optional(),
});
export type SubmissionPayload = z.infer<typeof SubmissionPayloadSchema>;

/** The revision fields of a payload with their defaults applied. */
export function revisionOf(p: SubmissionPayload): { recordId: string; revision: number; parents: string[] } {
  return { recordId: p.recordId ?? p.id, revision: p.revision ?? 1, parents: p.parents ?? [] };
}

/** What an outbox row carries: a visitor response, or a door scan (`ScanEventSchema`). */
export const PushKindSchema = z.enum(['submission', 'scan']);
export type PushKind = z.infer<typeof PushKindSchema>;

export const PushChangeSchema = z.strictObject({
  seq: SeqSchema,
  kind: PushKindSchema,
  id: RecordIdSchema,
  /** Checked per record against the schema of its kind: a bad record is rejected, not the batch. */
  payload: z.unknown(),
});
export type PushChange = z.infer<typeof PushChangeSchema>;

export const PushRequestSchema = z.strictObject({
  deviceId: DeviceIdSchema,
  /** In outbox order: seq strictly increasing. */
  changes: z
    .array(PushChangeSchema)
    .max(MAX_PUSH_CHANGES)
    .refine(
      (changes) => changes.every((c, i) => i === 0 || c.seq > (changes[i - 1] as PushChange).seq),
      'seq must increase strictly within a batch',
    ),
  /** Outbox rows still waiting after this batch, shown to the coordinator. */
  backlog: z.number().int().min(0).optional(),
});
export type PushRequest = z.input<typeof PushRequestSchema>;

export const RejectionCodeSchema = z.enum([
  /** The same id was received before with different content; the first copy stands. */
  'conflict',
  /** The payload does not have the shape of its kind. */
  'invalid',
  /** The form is not attached to the record's event on the server. */
  'unknown_form',
  /** The record's event is not one the kiosk is or was assigned to. */
  'event_not_assigned',
  /** The answers do not satisfy the form (types, choices, constraints, required questions). */
  'answers_invalid',
]);
export type RejectionCode = z.infer<typeof RejectionCodeSchema>;

export const RejectionSchema = z.object({
  seq: SeqSchema,
  id: z.string(),
  code: RejectionCodeSchema,
  message: z.string(),
});
export type Rejection = z.infer<typeof RejectionSchema>;

export const PushResponseSchema = z.object({
  /** Every outbox row up to here is settled: stored, a harmless retry, or listed in `rejected`. */
  ackedThroughSeq: z.number().int().min(0),
  /** Records of this batch the server refused, in seq order; the same list when a batch is replayed. */
  rejected: z.array(RejectionSchema),
  serverTime: IsoTimeSchema,
});
export type PushResponse = z.infer<typeof PushResponseSchema>;

// Pull ----------------------------------------------------------------------------------------

export const EventPayloadSchema = z.object({ id: EventIdSchema, name: z.string() });
export type EventPayload = z.infer<typeof EventPayloadSchema>;

/** One image of a form version, fetched by its hash (GET v1/sync/form-media/SHA256) before the form installs. */
export const FormMediaRefSchema = z.object({
  name: z.string().min(1).max(128),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'not a SHA-256 in lower-case hex'),
  size: z.number().int().nonnegative(),
});
export type FormMediaRef = z.infer<typeof FormMediaRefSchema>;
export const FormPayloadSchema = z.object({
  eventId: EventIdSchema,
  definition: FormDefinitionSchema,
  /** Absent from older servers and for forms without images; older kiosks ignore it. */
  media: z.array(FormMediaRefSchema).optional(),
});
export type FormPayload = z.infer<typeof FormPayloadSchema>;

/** What the coordinator configured for one kiosk; the kiosk applies it to its settings. */
export const DeviceConfigPayloadSchema = z.object({
  deviceId: DeviceIdSchema,
  deviceName: z.string(),
  eventId: EventIdSchema,
  offeredForms: z.array(OfferedFormSchema),
  /** Whether the server treats this kiosk as a door (door stream, scans); absent from older servers. */
  mode: KioskModeSchema.optional(),
});
export type DeviceConfigPayload = z.infer<typeof DeviceConfigPayloadSchema>;

const pullChange = <K extends string, P extends z.ZodType>(kind: K, payload: P) =>
  z.object({ seq: CursorSchema, kind: z.literal(kind), id: z.string(), payload });

/** Applying a change is an upsert by (kind, id): the same entity may arrive more than once. */
export const PullChangeSchema = z.discriminatedUnion('kind', [
  pullChange('event', EventPayloadSchema),
  /** id is "formId@version"; form versions never change once published. */
  pullChange('form', FormPayloadSchema),
  pullChange('device_config', DeviceConfigPayloadSchema),
  pullChange('door_config', DoorConfigPayloadSchema),
  pullChange('ticket_key', TicketKeyPayloadSchema),
  pullChange('ticket', TicketPayloadSchema),
  pullChange('revocation', RevocationPayloadSchema),
  /** A door scan as pushed, immutable; its server order (`serverSeq`) is this change's seq. */
  pullChange('scan', ScanEventSchema),
  /**
   * One revision of a field record (a form of kind heritage) of the kiosk's event, from any kiosk;
   * id is the revision id; immutable. Kiosks compute current revisions and conflicts from parents.
   */
  pullChange('record', SubmissionPayloadSchema),
  /** An event's branding, whole (id = event id); its images are fetched by hash. */
  pullChange('branding', BrandingPayloadSchema),
]);
export type PullChange = z.infer<typeof PullChangeSchema>;
export type PullKind = PullChange['kind'];

/**
 * Two pull logs over one sequence: a kiosk's set-up, which every kiosk pulls, and what a door
 * needs (tickets, keys, revocations, every door's scans), which only door kiosks pull, every few
 * seconds, with a cursor of their own. Kiosks that never ask for the door stream (every kiosk
 * built before it) see exactly the kinds they know.
 */
export const PullStreamSchema = z.enum(['kiosk', 'door', 'records', 'branding']);
export type PullStream = z.infer<typeof PullStreamSchema>;

export const PULL_STREAM_OF: Readonly<Record<PullKind, PullStream>> = {
  event: 'kiosk',
  form: 'kiosk',
  device_config: 'kiosk',
  door_config: 'door',
  ticket_key: 'door',
  ticket: 'door',
  revocation: 'door',
  scan: 'door',
  /** Field records, pulled only by kiosks that run a staff form (their own included). */
  record: 'records',
  /** A stream of its own, so that kiosks built before branding never meet a kind they do not know. */
  branding: 'branding',
};

export const PullQuerySchema = z.strictObject({
  cursor: z.coerce.number().pipe(CursorSchema).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
  stream: PullStreamSchema.default('kiosk'),
});
export type PullQuery = z.input<typeof PullQuerySchema>;

export const PullResponseSchema = z.object({
  changes: z.array(PullChangeSchema),
  /** Save it with the applied changes, in one transaction, and send it on the next pull. */
  cursor: CursorSchema,
  /** More changes wait: pull again at once. */
  hasMore: z.boolean(),
  serverTime: IsoTimeSchema,
  bundleKey: BundleKeySchema.optional(),
});
export type PullResponse = z.infer<typeof PullResponseSchema>;

// Health --------------------------------------------------------------------------------------

export const HealthResponseSchema = z.object({
  status: z.literal('ok'),
  db: z.enum(['sqlite', 'postgres']),
  version: z.string(),
  protocol: ProtocolRangeSchema,
  serverTime: IsoTimeSchema,
});
export type HealthResponse = z.infer<typeof HealthResponseSchema>;
