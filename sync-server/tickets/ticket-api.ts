// The people's HTTP API for tickets and door check-in: import, issue, revoke and block, keys,
// door settings, and what the doors saw (double entries, occupancy). `quiosco tickets` calls the
// same stores directly. Kiosks get tickets, keys and scans through the pull log instead.
import { z } from 'zod';
import { VenueOccupancySchema } from '../../shared/console/venues-api';
import {
  DeviceIdSchema,
  DoorConfigPayloadSchema,
  EventIdSchema,
  IsoTimeSchema,
  RowErrorSchema,
} from '../../shared/sync/protocol';
import {
  DirectionSchema,
  MAX_SCAN_TEXT,
  TicketRefSchema,
  VerdictKindSchema,
} from '../../shared/tickets/scan-event';
import { TicketIdSchema } from '../../shared/tickets/ticket-codec';
import { KeyIdSchema, PublishedTicketKeySchema } from '../../shared/tickets/ticket-keys';

const serverTime = { serverTime: IsoTimeSchema };

// Import --------------------------------------------------------------------------------------

/** What a bad row does to a ticket import: skipped (the rest is imported), or nothing is imported. */
export const OnErrorSchema = z.enum(['skip', 'refuse']);
export type OnError = z.infer<typeof OnErrorSchema>;

export const TicketImportQuerySchema = z.strictObject({ onError: OnErrorSchema.default('refuse') });

/** The box office's CSV export: as the body itself (text/csv) or as `{ "csv": "…" }`. */
export const TicketImportBodySchema = z
  .union([z.string(), z.strictObject({ csv: z.string() })])
  .transform((body) => (typeof body === 'string' ? body : body.csv));

export const TicketImportReportSchema = z.object({
  onError: OnErrorSchema,
  /** Data rows in the file (the header and blank lines not counted). */
  rows: z.number().int(),
  added: z.number().int(),
  /** Codes already imported whose row changed; kiosks get the new version. */
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Bad rows left out (onError "skip"); each is in `errors`. */
  skipped: z.number().int(),
  errors: z.array(RowErrorSchema),
});
export type TicketImportReport = z.infer<typeof TicketImportReportSchema>;
export const TicketImportResponseSchema = TicketImportReportSchema.extend(serverTime);

// Issue ---------------------------------------------------------------------------------------

export const MAX_ISSUE_COUNT = 1000;

export const IssueTicketsRequestSchema = z.strictObject({
  /** The ticket type's name; the server numbers new names for the event. */
  type: z.string().trim().min(1).max(200),
  holder: z.string().trim().min(1).max(200).nullable().default(null),
  count: z.number().int().min(1).max(MAX_ISSUE_COUNT).default(1),
  /** Whole minutes (the ticket stores minutes); null: no start or no end. */
  validFrom: IsoTimeSchema.nullable().default(null),
  validTo: IsoTimeSchema.nullable().default(null),
});
export type IssueTicketsRequest = z.input<typeof IssueTicketsRequestSchema>;

export const IssuedTicketSchema = z.object({
  ticketId: TicketIdSchema,
  eventId: EventIdSchema,
  /** What the QR code carries ('QT1:…'). */
  text: z.string(),
  type: z.string(),
  typeNumber: z.number().int(),
  holder: z.string().nullable(),
  validFrom: IsoTimeSchema.nullable(),
  validTo: IsoTimeSchema.nullable(),
  keyId: KeyIdSchema,
  issuedAt: IsoTimeSchema,
});
export type IssuedTicket = z.infer<typeof IssuedTicketSchema>;
export const IssueTicketsResponseSchema = z.object({ tickets: z.array(IssuedTicketSchema), ...serverTime });

// List ----------------------------------------------------------------------------------------

export const TicketStatusSchema = z.enum(['valid', 'revoked', 'blocked']);

export const TicketSummarySchema = z.object({
  source: z.enum(['imported', 'signed']),
  /** The box-office code, or the signed ticket's id. */
  id: z.string(),
  eventId: EventIdSchema,
  type: z.string(),
  typeNumber: z.number().int().nullable(),
  holder: z.string().nullable(),
  validFrom: IsoTimeSchema.nullable(),
  validTo: IsoTimeSchema.nullable(),
  status: TicketStatusSchema,
  reason: z.string().nullable(),
  /** A signed ticket's QR text, to print it again. */
  text: z.string().nullable(),
  updatedAt: IsoTimeSchema,
});
export type TicketSummary = z.infer<typeof TicketSummarySchema>;

export const MAX_TICKET_PAGE = 1000;
export const TicketListQuerySchema = z.strictObject({
  source: z.enum(['imported', 'signed']).optional(),
  /** Keyset paging: the `next` of the previous page. */
  after: z
    .string()
    .max(MAX_SCAN_TEXT + 20)
    .optional(),
  limit: z.coerce.number().int().min(1).max(MAX_TICKET_PAGE).default(200),
});
export const TicketListResponseSchema = z.object({
  tickets: z.array(TicketSummarySchema),
  next: z.string().nullable(),
  ...serverTime,
});

// Revoke, block, unblock ----------------------------------------------------------------------

export const RevocationActionSchema = z.enum(['revoke', 'block', 'unblock']);
export type RevocationAction = z.infer<typeof RevocationActionSchema>;

export const RevocationRequestSchema = z.strictObject({
  /**
   * The ticket: a box-office code, a signed ticket's id or QR text, a visitor pass's QR text, or
   * "imported:CODE" / "signed:ID" / "pass:ID" when a bare value could be either.
   */
  ticket: z
    .string()
    .min(1)
    .max(MAX_SCAN_TEXT + 20),
  /** Needed for a visitor pass (the server may not have its registration yet); checked otherwise. */
  eventId: EventIdSchema.optional(),
  reason: z.string().trim().min(1).max(500).optional(),
});
export type RevocationRequest = z.infer<typeof RevocationRequestSchema>;

export const RevocationSchema = z.object({
  ticket: TicketRefSchema,
  eventId: EventIdSchema,
  status: z.enum(['revoked', 'blocked', 'cleared']),
  reason: z.string().nullable(),
  at: IsoTimeSchema,
});
export type Revocation = z.infer<typeof RevocationSchema>;
export const RevocationResponseSchema = z.object({
  revocation: RevocationSchema,
  /** False when the ticket was in that state already (nothing was written). */
  changed: z.boolean(),
  ...serverTime,
});

// Keys ----------------------------------------------------------------------------------------

export const TicketKeySummarySchema = PublishedTicketKeySchema.extend({
  eventId: EventIdSchema,
  createdAt: IsoTimeSchema,
  retiredAt: IsoTimeSchema.nullable(),
});
export type TicketKeySummary = z.infer<typeof TicketKeySummarySchema>;
export const TicketKeyParamsSchema = z.strictObject({
  eventId: EventIdSchema,
  keyId: z.coerce.number().pipe(KeyIdSchema),
});
export const TicketKeyResponseSchema = z.object({ key: TicketKeySummarySchema, ...serverTime });
export const TicketKeyListResponseSchema = z.object({ keys: z.array(TicketKeySummarySchema), ...serverTime });

// Door settings -------------------------------------------------------------------------------

/** Leave a field out to keep it; capacity null removes the limit. */
export const DoorSettingsRequestSchema = z.strictObject({
  capacity: z.number().int().min(1).max(10_000_000).nullable().optional(),
  allowReentry: z.boolean().optional(),
  acceptPasses: z.boolean().optional(),
});
export type DoorSettingsRequest = z.infer<typeof DoorSettingsRequestSchema>;
export const DoorSettingsResponseSchema = z.object({ door: DoorConfigPayloadSchema, ...serverTime });

// What the doors saw --------------------------------------------------------------------------

export const ScanSummarySchema = z.object({
  id: z.uuid(),
  deviceId: DeviceIdSchema,
  deviceName: z.string(),
  gate: z.string(),
  direction: DirectionSchema,
  verdict: VerdictKindSchema,
  /** The door's clock as it was (may be off), and its estimate of server time. */
  localTime: IsoTimeSchema,
  correctedTime: IsoTimeSchema,
  /** The server's order of scans: the seq of the scan's pull change. */
  serverSeq: z.number().int(),
});
export type ScanSummary = z.infer<typeof ScanSummarySchema>;

export const DoubleEntrySchema = z.object({
  ticket: TicketRefSchema,
  /** while_inside: admitted twice with no exit between; reentry: back in where the rules forbid it. */
  kind: z.enum(['while_inside', 'reentry']),
  /** The admission the server took first: it stands. */
  winner: ScanSummarySchema,
  duplicate: ScanSummarySchema,
  detectedAt: IsoTimeSchema,
});
export type DoubleEntry = z.infer<typeof DoubleEntrySchema>;
export const DoubleEntryListResponseSchema = z.object({
  eventId: EventIdSchema,
  doubleEntries: z.array(DoubleEntrySchema),
  ...serverTime,
});

export const GateCountSchema = z.object({
  gate: z.string(),
  entries: z.number().int(),
  exits: z.number().int(),
});
export const OccupancySchema = z.object({
  eventId: EventIdSchema,
  capacity: z.number().int().nullable(),
  /** Admissions minus departures (never below 0): people inside now, as far as scans have synced. */
  inside: z.number().int(),
  /** Admitting scans (valid_entry), double entries included: each let someone in. */
  entries: z.number().int(),
  /** Departing scans (valid_exit, and not_inside: someone left whose entry is not known). */
  exits: z.number().int(),
  doubleEntries: z.number().int(),
  byGate: z.array(GateCountSchema),
  /** Each open venue against its own capacity, the default venue (whose capacity is the one above) first. */
  byVenue: z.array(VenueOccupancySchema),
});
export type Occupancy = z.infer<typeof OccupancySchema>;
export const OccupancyResponseSchema = OccupancySchema.extend(serverTime);
