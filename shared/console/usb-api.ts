// The console's USB endpoints (under /console/api): importing a kiosk's .qbundle that staff carried
// from a venue with no network, as `quiosco import` does, and downloading a kiosk's .qkiosk (its
// set-up and a receipt), as `quiosco export-kiosk-bundle` writes it. docs/operations.md.
import { z } from 'zod';
import { BUNDLE_ERRORS, type BundleErrorCode } from '../sync/bundle';
import { IsoTimeSchema, RejectionSchema } from '../sync/protocol';
import { CONSOLE_API } from './console-api';

export const USB_IMPORT_URL = `${CONSOLE_API}/usb/import`;
export const kioskSetupUrl = (deviceId: string): string =>
  `${CONSOLE_API}/kiosks/${encodeURIComponent(deviceId)}/usb-setup`;

/** A bundle of a day's records with photos can be hundreds of MB; the upload is streamed to disk. */
export const MAX_UPLOADED_BUNDLE_BYTES = 1024 * 1024 * 1024;

export const UsbImportResponseSchema = z.object({
  deviceId: z.string(),
  deviceName: z.string(),
  /** Changes of the bundle the server had not settled before (0 for a bundle imported before). */
  newChanges: z.number().int().min(0),
  /** Every change of the bundle is settled through this seq (stored, a replay, or refused). */
  ackedThroughSeq: z.number().int().min(0),
  photosStored: z.number().int().min(0),
  photosAlreadyThere: z.number().int().min(0),
  photosUnclaimed: z.number().int().min(0),
  rejected: z.array(RejectionSchema),
  serverTime: IsoTimeSchema,
});
export type UsbImport = z.infer<typeof UsbImportResponseSchema>;

const BUNDLE_ERROR_CODES = Object.keys(BUNDLE_ERRORS) as [BundleErrorCode, ...BundleErrorCode[]];

/** A bundle refused whole (cut, damaged, forged, another server's): nothing was imported. */
export const UsbImportRefusalSchema = z.object({
  error: z.object({ code: z.enum(BUNDLE_ERROR_CODES), message: z.string() }),
  serverTime: IsoTimeSchema,
});
export type UsbImportRefusal = z.infer<typeof UsbImportRefusalSchema>;
