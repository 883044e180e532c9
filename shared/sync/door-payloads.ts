// The door stream's payloads (see PULL_STREAM_OF in protocol.ts, which re-exports these): what a
// door validates tickets with.
import { z } from 'zod';
import { NameSchema } from '../forms/form-definition';
import { TicketRefSchema } from '../tickets/scan-event';
import { TicketIdSchema } from '../tickets/ticket-codec';
import { PublishedTicketKeySchema } from '../tickets/ticket-keys';
import { CheckInRulesSchema, ImportedTicketSchema } from '../tickets/validate-scan';

const EventIdSchema = NameSchema;
const IsoTimeSchema = z.iso.datetime({ offset: true });

// What a door needs, on the "door" stream (see PULL_STREAM_OF). Ticket and revocation change ids
// are `ticketKey(ref)` ("imported:CODE", "signed:ID", "pass:ID"), so applying stays an upsert.

/** A venue of the event and the door kiosks put at it (a door at none counts for the default venue). */
export const DoorVenueSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** People allowed inside the venue at once; null: not set. */
  capacity: z.number().int().min(1).nullable(),
  isDefault: z.boolean(),
  doorIds: z.array(z.string().min(1)),
});
export type DoorVenue = z.infer<typeof DoorVenueSchema>;

/**
 * An event's check-in rules and the capacity live occupancy is shown against. A door of the
 * previous release strips `venues` (z.object drops unknown keys) and counts the whole event.
 */
export const DoorConfigPayloadSchema = z.object({
  eventId: EventIdSchema,
  /** People allowed inside at once (the default venue's); null: not set. */
  capacity: z.number().int().min(1).nullable(),
  rules: CheckInRulesSchema,
  /** The event's open venues, default first; absent from servers before venues. */
  venues: z.array(DoorVenueSchema).optional(),
});
export type DoorConfigPayload = z.infer<typeof DoorConfigPayloadSchema>;

/** What a door applies until its event's first door_config arrives (an event never configured). */
export const DEFAULT_DOOR_CONFIG: Omit<DoorConfigPayload, 'eventId'> = {
  capacity: null,
  rules: { allowReentry: true, acceptPasses: false },
};

/** A public key that may have signed the event's tickets; id "EVENT/KEYID". */
export const TicketKeyPayloadSchema = PublishedTicketKeySchema.extend({ eventId: EventIdSchema });
export type TicketKeyPayload = z.infer<typeof TicketKeyPayloadSchema>;

/** What the door shows for a ticket issued by this server (it validates without this). */
export const IssuedTicketPayloadSchema = z.object({
  source: z.literal('signed'),
  ticketId: TicketIdSchema,
  eventId: EventIdSchema,
  /** The number the ticket carries, and its name. */
  typeNumber: z.number().int().min(0).max(0xffff),
  typeName: z.string(),
  holder: z.string().nullable(),
  validFrom: IsoTimeSchema.nullable(),
  validTo: IsoTimeSchema.nullable(),
});

/** A box-office ticket from an import (the door needs it to validate), or one issued here. */
export const TicketPayloadSchema = z.discriminatedUnion('source', [
  ImportedTicketSchema.extend({ source: z.literal('imported') }),
  IssuedTicketPayloadSchema,
]);
export type TicketPayload = z.infer<typeof TicketPayloadSchema>;

export const RevocationPayloadSchema = z.object({
  eventId: EventIdSchema,
  ticket: TicketRefSchema,
  /** "cleared": a block was lifted; the ticket admits again. A revocation is never lifted. */
  status: z.enum(['revoked', 'blocked', 'cleared']),
  reason: z.string().nullable(),
  at: IsoTimeSchema,
});
export type RevocationPayload = z.infer<typeof RevocationPayloadSchema>;
