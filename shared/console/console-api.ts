// The web console's own endpoints (under /console/api), shared by the server and the console app:
// sign-in, who is signed in, kiosks, the live dashboard and the forms an export can be made of.
import { z } from 'zod';
import { LocalizedSchema, NameSchema } from '../forms/form-definition';
import { DeviceSchema, RoleSchema } from '../sync/admin-api';
import { EventIdSchema, IsoTimeSchema } from '../sync/protocol';
import { VenueOccupancySchema } from './venues-api';

export const CONSOLE_API = '/console/api';
/** The session cookie is HttpOnly; the CSRF cookie is readable so the page can echo it in this header. */
export const SESSION_COOKIE = 'qsession';
export const CSRF_COOKIE = 'qcsrf';
export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_REFUSAL = `CSRF check failed: send the ${CSRF_HEADER} header with the value of the ${CSRF_COOKIE} cookie`;

export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9._-]{1,39}$/, 'a user name: 2 to 40 lowercase letters, digits and . _ -');
/** Long enough that the lock-out, not guessing, is what stops an attacker. */
export const PasswordSchema = z.string().min(10, 'at least 10 characters').max(200);

export const SignInRequestSchema = z.strictObject({
  username: z.string().max(80),
  password: z.string().max(200),
});

export const UserSchema = z.object({ id: z.string(), username: z.string(), role: RoleSchema });
export type ConsoleUser = z.infer<typeof UserSchema>;
export const SessionResponseSchema = z.object({ user: UserSchema, serverTime: IsoTimeSchema });
/** GET session: who is signed in; signedIn false (not a 401) before sign-in or once a session ended. */
export const SessionStateSchema = z.discriminatedUnion('signedIn', [
  z.object({ signedIn: z.literal(true), user: UserSchema, serverTime: IsoTimeSchema }),
  z.object({ signedIn: z.literal(false), serverTime: IsoTimeSchema }),
]);
export type SessionState = z.infer<typeof SessionStateSchema>;
export const SignedOutResponseSchema = z.object({ signedOut: z.literal(true), serverTime: IsoTimeSchema });

export const ConsoleFormSchema = z.object({
  formId: NameSchema,
  /** The newest version's title, per language: what the console shows a person; the id is data. */
  title: LocalizedSchema,
  versions: z.array(z.string()),
});
export type ConsoleForm = z.infer<typeof ConsoleFormSchema>;
export const ConsoleEventSchema = z.object({
  id: EventIdSchema,
  name: z.string(),
  forms: z.array(ConsoleFormSchema),
});
export type ConsoleEvent = z.infer<typeof ConsoleEventSchema>;
export const ConsoleEventsResponseSchema = z.object({
  events: z.array(ConsoleEventSchema),
  serverTime: IsoTimeSchema,
});

export const EventQuerySchema = z.strictObject({ eventId: EventIdSchema });

export const KioskSchema = DeviceSchema.pick({
  id: true,
  name: true,
  eventId: true,
  mode: true,
  lastSeenAt: true,
  backlog: true,
  appVersion: true,
  protocolVersion: true,
  revokedAt: true,
}).extend({
  /** Records this kiosk pushed that the server refused (its dead letters). */
  refused: z.number().int(),
});
export type Kiosk = z.infer<typeof KioskSchema>;
export const KiosksResponseSchema = z.object({ kiosks: z.array(KioskSchema), serverTime: IsoTimeSchema });

export const DEFAULT_STALE_MINUTES = 10;
export const DashboardQuerySchema = EventQuerySchema.extend({
  staleMinutes: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(DEFAULT_STALE_MINUTES),
});
export const HourCountSchema = z.object({
  /** The hour's start, UTC: YYYY-MM-DDTHH. */
  hour: z.string(),
  formId: z.string(),
  deviceId: z.string(),
  records: z.number().int(),
});
export type HourCount = z.infer<typeof HourCountSchema>;
export const DashboardResponseSchema = z.object({
  eventId: EventIdSchema,
  /** Records received in the last 24 hours, by hour, form and kiosk. */
  hours: z.array(HourCountSchema),
  kiosks: z.array(KioskSchema.extend({ stale: z.boolean() })),
  occupancy: z.object({
    capacity: z.number().int().nullable(),
    inside: z.number().int(),
    entries: z.number().int(),
    exits: z.number().int(),
    doubleEntries: z.number().int(),
    byGate: z.array(z.object({ gate: z.string(), entries: z.number().int(), exits: z.number().int() })),
    byVenue: z.array(VenueOccupancySchema),
  }),
  serverTime: IsoTimeSchema,
});
export type Dashboard = z.infer<typeof DashboardResponseSchema>;
