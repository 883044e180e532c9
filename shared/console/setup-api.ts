// The console's set-up endpoints (under /console/api): enrolling and revoking kiosks, events with
// their dates, time zone, capacity and archive, and forms (upload, preview, versions, kiosks).
import { z } from 'zod';
import { DeviceSchema, EnrolCodeRequestSchema } from '../sync/admin-api';
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

export const KioskParamsSchema = z.strictObject({ deviceId: DeviceIdSchema });
export const KioskRevokeResponseSchema = z.object({ kiosk: DeviceSchema, serverTime: IsoTimeSchema });
