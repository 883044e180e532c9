// An event's venues (each with its own capacity) and the door kiosks that guard them: what the
// console's events, kiosks and dashboard pages send and read under /console/api.
import { z } from 'zod';
import { DeviceIdSchema, EventIdSchema, IsoTimeSchema } from '../sync/protocol';

export const VENUE_NAME_MAX = 100;
export const VENUE_CAPACITY_MAX = 10_000_000;

export const VenueNameSchema = z
  .string()
  .trim()
  .min(1, 'a name is needed')
  .max(VENUE_NAME_MAX, `at most ${VENUE_NAME_MAX} characters`);
/** null (the field left empty): no limit. */
export const VenueCapacitySchema = z
  .number('a whole number of people, 1 or more, or empty for no limit')
  .int('a whole number of people, 1 or more, or empty for no limit')
  .min(1, 'a whole number of people, 1 or more, or empty for no limit')
  .max(VENUE_CAPACITY_MAX, `at most ${VENUE_CAPACITY_MAX.toLocaleString('en')} people`)
  .nullable();

/** A UUID, or EVENT~default for an event's default venue (~ is in no event id). */
export const VenueIdSchema = z
  .string()
  .max(300)
  .regex(/^[A-Za-z0-9_.~-]+$/, 'a venue id');

export const VenueSchema = z.object({
  id: VenueIdSchema,
  eventId: EventIdSchema,
  name: z.string(),
  capacity: z.number().int().nullable(),
  /** The venue every event has: doors with no venue count for it, and its capacity is the door rules'. */
  isDefault: z.boolean(),
  archivedAt: IsoTimeSchema.nullable(),
});
export type Venue = z.infer<typeof VenueSchema>;

export const VenueCreateSchema = z.strictObject({ name: VenueNameSchema, capacity: VenueCapacitySchema });
export type VenueCreate = z.input<typeof VenueCreateSchema>;
/** Leave a field out to keep it; archived false restores an archived venue. */
export const VenueEditSchema = z.strictObject({
  name: VenueNameSchema.optional(),
  capacity: VenueCapacitySchema.optional(),
  archived: z.boolean().optional(),
});
export type VenueEdit = z.input<typeof VenueEditSchema>;

export const VenueParamsSchema = z.strictObject({ eventId: EventIdSchema, venueId: VenueIdSchema });
export const VenueListQuerySchema = z.strictObject({
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const VenueListResponseSchema = z.object({
  venues: z.array(VenueSchema),
  /** The event's door kiosks (not revoked) and the venue each guards (null: the default venue). */
  doors: z.array(z.object({ deviceId: DeviceIdSchema, name: z.string(), venueId: VenueIdSchema.nullable() })),
  serverTime: IsoTimeSchema,
});
export const VenueResponseSchema = z.object({ venue: VenueSchema, serverTime: IsoTimeSchema });

/** null: the event's default venue. */
export const KioskVenueRequestSchema = z.strictObject({ venueId: VenueIdSchema.nullable() });
export const KioskVenueResponseSchema = z.object({
  deviceId: DeviceIdSchema,
  venueId: VenueIdSchema.nullable(),
  serverTime: IsoTimeSchema,
});

/** Entries minus exits at the venue's doors, against its capacity. */
export const VenueOccupancySchema = z.object({
  venueId: VenueIdSchema,
  name: z.string(),
  capacity: z.number().int().nullable(),
  inside: z.number().int(),
  entries: z.number().int(),
  exits: z.number().int(),
  /** The door kiosks that guard it (the default venue: those with no venue too). */
  doors: z.array(z.object({ deviceId: DeviceIdSchema, name: z.string() })),
});
export type VenueOccupancy = z.infer<typeof VenueOccupancySchema>;

/** At this share of capacity the console warns that the venue is nearly full. */
export const NEAR_CAPACITY = 0.9;
export function capacityState(v: { inside: number; capacity: number | null }): 'ok' | 'near' | 'full' {
  if (v.capacity === null) return 'ok';
  if (v.inside >= v.capacity) return 'full';
  return v.inside >= v.capacity * NEAR_CAPACITY ? 'near' : 'ok';
}
