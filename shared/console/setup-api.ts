// The console's set-up endpoints (under /console/api): enrolling and revoking kiosks, events with
// their dates, time zone, capacity and archive, forms (upload, preview, versions, kiosks) and the
// console's own users.
import { z } from 'zod';
import { FormDefinitionSchema, NameSchema } from '../forms/form-definition';
import { PasswordSchema, UsernameSchema } from './console-api';
import { DeviceSchema, EnrolCodeRequestSchema, FormSummarySchema, RoleSchema } from '../sync/admin-api';
import { DeviceIdSchema, EventIdSchema, IsoTimeSchema } from '../sync/protocol';

/** The address kiosks reach the server at: http(s)://host[:port]/, nothing more. */
export const ServerAddressSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^https?:\/\/[A-Za-z0-9.\-[\]:]+\/?$/, 'an address like http://192.168.1.10:7040/');

export const EnrolQrRequestSchema = z.strictObject({
  eventId: EventIdSchema,
  expiresInSeconds: EnrolCodeRequestSchema.shape.expiresInSeconds,
  /** Left out: the address the console was opened at. */
  server: ServerAddressSchema.optional(),
});
export type EnrolQrRequest = z.input<typeof EnrolQrRequestSchema>;

export const EnrolQrResponseSchema = z.object({
  /** Shown once, as on the CLI; the server keeps only its hash. */
  code: z.string(),
  eventId: EventIdSchema,
  expiresAt: IsoTimeSchema,
  server: z.string(),
  /** What the QR code carries (quiosco://enrol?…), also for a kiosk without a camera. */
  qrText: z.string(),
  /** The QR code as a PNG data URL (the console's CSP allows data: images). */
  qrImage: z.string().startsWith('data:image/png;base64,'),
  serverTime: IsoTimeSchema,
});
export type EnrolQr = z.infer<typeof EnrolQrResponseSchema>;

export const KioskRevokeResponseSchema = z.object({ kiosk: DeviceSchema, serverTime: IsoTimeSchema });

// Events ---------------------------------------------------------------------------------------

/** An IANA zone this runtime knows (kiosks and exports convert times with it). */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name);
  } catch {
    return false;
  }
}

export const TimeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, 'a time zone name such as America/Mexico_City');

/** What a coordinator sets on an event; the capacity is the door's (door rules). */
const EventFieldsSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  startsOn: z.iso.date('a date as YYYY-MM-DD').nullable(),
  endsOn: z.iso.date('a date as YYYY-MM-DD').nullable(),
  timeZone: TimeZoneSchema.nullable(),
  capacity: z.number().int().min(1).max(10_000_000).nullable(),
});
const inOrder = (e: { startsOn: string | null; endsOn: string | null }) =>
  e.startsOn === null || e.endsOn === null || e.endsOn >= e.startsOn;
const ORDER = { message: 'the last day is before the first', path: ['endsOn'] };

export const EventEditSchema = EventFieldsSchema.refine(inOrder, ORDER);
export type EventEdit = z.infer<typeof EventEditSchema>;
export const EventCreateSchema = EventFieldsSchema.extend({ id: EventIdSchema }).refine(inOrder, ORDER);
export type EventCreate = z.infer<typeof EventCreateSchema>;

export const EventDetailsSchema = z.object({
  id: EventIdSchema,
  name: z.string(),
  createdAt: IsoTimeSchema,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  timeZone: z.string().nullable(),
  archivedAt: IsoTimeSchema.nullable(),
  capacity: z.number().int().nullable(),
});
export type EventDetails = z.infer<typeof EventDetailsSchema>;

export const EventListQuerySchema = z.strictObject({
  /** Archived events are left out unless asked for. */
  archived: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});
export const EventDetailsListResponseSchema = z.object({
  events: z.array(EventDetailsSchema),
  serverTime: IsoTimeSchema,
});
export const EventDetailsResponseSchema = z.object({ event: EventDetailsSchema, serverTime: IsoTimeSchema });
export const ArchiveRequestSchema = z.strictObject({ archived: z.boolean() });

// Forms ----------------------------------------------------------------------------------------

export const FormVersionParamsSchema = z.strictObject({
  formId: NameSchema,
  version: FormDefinitionSchema.shape.version,
});

export const ConsoleFormSchema = z.object({
  formId: NameSchema,
  /** Oldest first. */
  versions: z.array(
    FormSummarySchema.pick({ version: true, kind: true, title: true, createdAt: true }).extend({
      /** Records received made with this version. */
      records: z.number().int(),
    }),
  ),
  /** The event's kiosks that offer the form or have sent records of it, with the version of their newest record. */
  kiosks: z.array(
    z.object({
      deviceId: DeviceIdSchema,
      name: z.string(),
      version: z.string().nullable(),
      lastRecordAt: IsoTimeSchema.nullable(),
    }),
  ),
});
export type ConsoleForm = z.infer<typeof ConsoleFormSchema>;
export const ConsoleFormsResponseSchema = z.object({
  forms: z.array(ConsoleFormSchema),
  serverTime: IsoTimeSchema,
});
export const FormDefinitionResponseSchema = z.object({
  definition: FormDefinitionSchema,
  serverTime: IsoTimeSchema,
});

// Console users (admins) ------------------------------------------------------------------------

export const ConsoleUserInfoSchema = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  createdAt: IsoTimeSchema,
  disabledAt: IsoTimeSchema.nullable(),
  lockedUntil: IsoTimeSchema.nullable(),
});
export type ConsoleUserInfo = z.infer<typeof ConsoleUserInfoSchema>;
export const UserListResponseSchema = z.object({
  users: z.array(ConsoleUserInfoSchema),
  serverTime: IsoTimeSchema,
});
export const CreateUserRequestSchema = z.strictObject({
  username: UsernameSchema,
  role: RoleSchema,
  password: PasswordSchema,
});
export const UserParamsSchema = z.strictObject({ username: UsernameSchema });
export const UserResponseSchema = z.object({ user: ConsoleUserInfoSchema, serverTime: IsoTimeSchema });
