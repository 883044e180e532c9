// The one IPC contract. Electron IPC (preload) and the web kiosk's HTTP API both carry these
// channels; the kiosk core validates every input against it before a handler runs.
import { z } from 'zod';
import { AnswersSchema, FormDefinitionSchema, LanguageSchema, NameSchema } from '../forms/form-definition';
import { KioskSettingsSchema, PinSchema } from '../kiosk/kiosk-settings';
import { PushKindSchema, RejectionCodeSchema } from '../sync/protocol';
import { BrandColoursSchema, MAX_ATTRACT_IMAGES } from '../sync/branding';
import {
  DirectionSchema,
  ScanReasonSchema,
  TicketRefSchema,
  TicketSourceSchema,
  VerdictKindSchema,
} from '../tickets/scan-event';
import { CheckInRulesSchema } from '../tickets/validate-scan';
import { fieldContract } from './field-contract';
import type { Result } from './result';

const StaffToken = z.string().regex(/^[A-Za-z0-9_-]{20,64}$/);
const staff = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ token: StaffToken, ...shape });
const IsoTime = z.iso.datetime({ offset: true });

/** A checked image the kiosk stored, as the renderer shows it. */
const BrandImageUrlSchema = z.string().regex(/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/);

/** The event's branding on the attract screen; colours passed the contrast checks on both sides. */
export const KioskBrandingSchema = z.object({
  eventName: z.string().max(300),
  colours: BrandColoursSchema.nullable(),
  logo: BrandImageUrlSchema.nullable(),
  attract: z.array(BrandImageUrlSchema).max(MAX_ATTRACT_IMAGES),
});
export type KioskBranding = z.infer<typeof KioskBrandingSchema>;

export const BootstrapSchema = z.object({
  deviceId: z.string(),
  settings: KioskSettingsSchema,
  /** The offered forms, in the order staff chose. */
  forms: z.array(FormDefinitionSchema),
  /** The event's branding; null or absent: the kiosk's own look. */
  branding: KioskBrandingSchema.nullable().optional(),
});

/** What staff see of sync: where to, how it went last, what is waiting. */
export const SyncStatusSchema = z.object({
  /** False until the kiosk is enrolled with a sync server. */
  enrolled: z.boolean(),
  serverUrl: z.string().nullable(),
  /** The server refused this kiosk's token: staff must enrol it again. */
  revoked: z.boolean(),
  lastAttemptAt: IsoTime.nullable(),
  lastSuccessAt: IsoTime.nullable(),
  /**
   * The last failure, cleared by the next success. The renderer words it from `code` (e.g.
   * server_unreachable, device_revoked, protocol_unsupported); `message` is the technical detail.
   */
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Records the server refused (same id with other content, a form it lacks…), kept aside for staff. */
  deadLetters: z.number().int(),
  /** Server clock minus kiosk clock at the last exchange, in ms. */
  clockOffsetMs: z.number().int().nullable(),
  /** Enrolled with a plain-HTTP server: tokens and records cross the LAN unencrypted (staff are warned). */
  insecure: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

/** Dead letters listed, and re-sent, at most this many at a time. */
export const MAX_DEAD_LETTERS = 200;

/** A record the sync server refused, kept on the kiosk until staff send it again. */
export const DeadLetterSchema = z.object({
  /** Its outbox seq when it was refused; what staff name to send it again. */
  seq: z.number().int(),
  kind: PushKindSchema,
  id: z.string(),
  code: RejectionCodeSchema,
  /** The server's technical detail. */
  message: z.string(),
  rejectedAt: IsoTime,
});
export type DeadLetter = z.infer<typeof DeadLetterSchema>;

export const StaffStatusSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  eventId: z.string(),
  /** The event's name as the server gave it; null until the kiosk has pulled it (show the id). */
  eventName: z.string().max(300).nullable(),
  savedToday: z.number().int(),
  savedTotal: z.number().int(),
  /** Outbox rows not yet acknowledged by the sync server. */
  pendingSync: z.number().int(),
  /** Photos saved on this kiosk that the sync server has not confirmed yet. */
  photosWaiting: z.number().int().min(0),
  sync: SyncStatusSchema,
});

export const StaffConfigSchema = z.object({
  settings: KioskSettingsSchema,
  /** Every form installed on this kiosk (newest version of each), to choose from. */
  availableForms: z.array(
    z.object({
      formId: z.string(),
      version: z.string(),
      title: FormDefinitionSchema.shape.title,
      kind: FormDefinitionSchema.shape.kind,
    }),
  ),
});

/** One scan as a door screen shows it: its own, or another door's learnt by sync. */
export const DoorScanViewSchema = z.object({
  id: z.string(),
  gate: z.string(),
  deviceId: z.string(),
  /** This kiosk made it. */
  here: z.boolean(),
  direction: DirectionSchema,
  verdict: VerdictKindSchema,
  /** The scanning door's estimate of server time. */
  at: IsoTime,
});
export type DoorScanView = z.infer<typeof DoorScanViewSchema>;

/** What the door screen shows after a scan; the scan is already in the outbox. */
export const DoorVerdictSchema = z.object({
  scan: DoorScanViewSchema,
  reason: ScanReasonSchema,
  /** A possible fraud (forged, revoked, already inside through another gate): call a supervisor. */
  needsAttention: z.boolean(),
  /** Null when nothing trustworthy is known about the code (unreadable, forged, another event's). */
  ticket: z
    .object({ source: TicketSourceSchema, type: z.string().nullable(), holder: z.string().nullable() })
    .nullable(),
  /** The scan that explains the verdict: for "already inside", the entry (when, which gate, which door). */
  previousScan: DoorScanViewSchema.nullable(),
});
export type DoorVerdict = z.infer<typeof DoorVerdictSchema>;

export const DoorDoubleEntrySchema = z.object({
  ticket: TicketRefSchema,
  holder: z.string().nullable(),
  /** while_inside: admitted twice with no exit between; reentry: back in where the rules forbid it. */
  kind: z.enum(['while_inside', 'reentry']),
  /** The admission that stands (the same on every door and on the server once all have synced). */
  winner: DoorScanViewSchema,
  duplicate: DoorScanViewSchema,
});
export type DoorDoubleEntry = z.infer<typeof DoorDoubleEntrySchema>;

export const DoorStatusSchema = z.object({
  eventId: z.string(),
  /** The event's name as the server gave it; null until the kiosk has pulled it (show the id). */
  eventName: z.string().max(300).nullable(),
  gate: z.string(),
  rules: CheckInRulesSchema,
  /**
   * Entries minus exits over the scans this door knows (its own and synced) of the doors at its
   * venue, against the venue's capacity, as the server counts; venue null: a server before venues
   * (the whole event, against its capacity).
   */
  occupancy: z.object({
    venue: z.object({ id: z.string(), name: z.string() }).nullable(),
    inside: z.number().int(),
    capacity: z.number().int().nullable(),
    entries: z.number().int(),
    exits: z.number().int(),
  }),
  scansHere: z.number().int(),
  /** Outbox rows (scans and responses) not yet acknowledged by the sync server. */
  pendingSync: z.number().int(),
  sync: SyncStatusSchema,
  /** What this door can validate with: signing keys, listed tickets, revocations and blocks. */
  known: z.object({ keys: z.number().int(), tickets: z.number().int(), revocations: z.number().int() }),
  /** The most recent double entries, newest first (at most 20); `doubleEntryCount` counts them all. */
  doubleEntries: z.array(DoorDoubleEntrySchema),
  doubleEntryCount: z.number().int(),
});
export type DoorStatus = z.infer<typeof DoorStatusSchema>;

/** Largest request body either transport accepts. */
export const MAX_PAYLOAD_BYTES = 1_000_000;

export { MAX_DOOR_SCAN_INPUT } from './door-limits';

export const contract = {
  'kiosk:bootstrap': { input: z.strictObject({}), output: BootstrapSchema },
  'submission:save': {
    input: z.strictObject({
      formId: NameSchema,
      formVersion: z.string().min(1).max(32),
      language: LanguageSchema,
      answers: AnswersSchema,
      /** false: an idle reset kept a half-filled form (its "onIdle" is "keep"). */
      complete: z.boolean(),
      startedAt: IsoTime,
    }),
    output: z.object({ id: z.string(), passId: z.string().nullable(), savedAt: IsoTime }),
  },
  'staff:unlock': {
    input: z.strictObject({ pin: PinSchema }),
    output: z.object({ token: StaffToken, expiresAt: IsoTime }),
  },
  'staff:lock': { input: staff({}), output: z.object({ locked: z.literal(true) }) },
  'staff:status': { input: staff({}), output: StaffStatusSchema },
  'staff:config': { input: staff({}), output: StaffConfigSchema },
  'staff:configure': { input: staff({ settings: KioskSettingsSchema }), output: StaffConfigSchema },
  'staff:change-pin': { input: staff({ newPin: PinSchema }), output: z.object({ changed: z.literal(true) }) },
  'staff:exit': { input: staff({}), output: z.object({ exited: z.literal(true) }) },
  'staff:enrol': {
    /** `code` is what staff typed or scanned: a bare code or the enrolment QR's quiosco://enrol URI. */
    input: staff({
      serverUrl: z
        .url({ protocol: /^https?$/ })
        .max(300)
        .optional(),
      code: z.string().min(1).max(400),
    }),
    output: SyncStatusSchema,
  },
  'staff:sync-now': { input: staff({}), output: SyncStatusSchema },
  /** The newest dead letters first, at most MAX_DEAD_LETTERS; `total` counts them all. */
  'staff:dead-letters': {
    input: staff({}),
    output: z.object({ deadLetters: z.array(DeadLetterSchema), total: z.number().int() }),
  },
  /** Queues the named dead letters again (after the coordinator fixed the cause); answers the status. */
  'staff:resend-dead-letters': {
    input: staff({ seqs: z.array(z.number().int().positive()).min(1).max(MAX_DEAD_LETTERS) }),
    output: SyncStatusSchema,
  },
  /**
   * No network: writes the pending records and waiting photos as one signed bundle file into
   * `directory` (a mounted USB drive) for `quiosco import`. The records stay pending until a sync.
   */
  'staff:write-bundle': {
    input: staff({ directory: z.string().min(1).max(4096) }),
    output: z.object({
      file: z.string(),
      /** Encrypted to the server's key (a kiosk of an older server writes a plain bundle). */
      sealed: z.boolean(),
      records: z.number().int().min(0),
      photos: z.number().int().min(0),
      /** Photos left out: this kiosk's copy is gone or damaged (no longer hashes to its name). */
      damagedPhotos: z.array(z.string()),
      fromSeq: z.number().int().min(0),
      throughSeq: z.number().int().min(0),
    }),
  },
  /**
   * No network, the other way: loads the server's bundle for this kiosk (`path`: a .qkiosk file,
   * or the drive's directory for every bundle of this kiosk there): its receipt acknowledges the
   * records the server holds, its pulled pages are applied as a pull would. Refused whole (nothing
   * applied) when cut, damaged, for another kiosk or not signed with this kiosk's token.
   */
  'staff:load-bundle': {
    input: staff({ path: z.string().min(1).max(4096) }),
    output: z.object({
      files: z.number().int().min(0),
      acknowledged: z.number().int().min(0),
      deadLettered: z.number().int().min(0),
      photosConfirmed: z.number().int().min(0),
      changes: z.number().int().min(0),
      conflicts: z.array(z.string()),
      pending: z.number().int().min(0),
    }),
  },
  /** Validates what the camera or the USB scanner read, records the scan, answers the verdict. */
  'door:scan': {
    // Any text the transport carries gets a verdict (too long, unreadable…), never an input error.
    input: staff({ text: z.string().max(MAX_PAYLOAD_BYTES), direction: DirectionSchema }),
    output: DoorVerdictSchema,
  },
  'door:status': { input: staff({}), output: DoorStatusSchema },
  ...fieldContract,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;
export const CHANNELS = Object.keys(contract) as Channel[];

export const isChannel = (name: string): name is Channel => Object.hasOwn(contract, name);

/** What the preload exposes as `window.quiosco` and the web transport imitates. */
export type QuioscoBridge = {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
};
