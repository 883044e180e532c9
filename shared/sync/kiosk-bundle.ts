// Server → kiosk USB bundles: what a pull would bring one kiosk (its set-up, and for a door its
// tickets, keys and revocations) and a receipt for the records the server holds from it, in one
// file staff load at the kiosk when there is no network. The same envelope as a kiosk's bundle
// (./bundle.ts): a header line, the images the pages name, one line per pulled page, a signed
// trailer (its `chunks` counts the image lines, so a kiosk older than images refuses the file). A
// file with only a receipt is what `quiosco import --receipt-out` writes.
// docs/sync-protocol.md#usb-bundles.
import { z } from 'zod';
import {
  AttachmentNameSchema,
  CursorSchema,
  DeviceIdSchema,
  PullChangeSchema,
  PullStreamSchema,
  RejectionSchema,
} from './protocol';

export const KIOSK_BUNDLE_FORMAT = 'quiosco-kiosk-bundle';
export const KIOSK_BUNDLE_VERSION = 1;
export const KIOSK_BUNDLE_EXTENSION = '.qkiosk';
/** Photos a receipt names at most; a kiosk with more learns the rest from its next sync. */
export const MAX_RECEIPT_PHOTOS = 100_000;
export const MAX_RECEIPT_REJECTIONS = 100_000;

/** What the server holds from the kiosk: the same facts a push answer gives, and its photos. */
export const ReceiptSchema = z.strictObject({
  /** Every change of the kiosk through this seq (as the server numbers them) is settled. */
  ackedThroughSeq: z.number().int().min(0),
  /** The changes it refused for good among those the receipt covers, in seq order. */
  rejected: z.array(RejectionSchema).max(MAX_RECEIPT_REJECTIONS),
  /** Photos the server holds whole. */
  photos: z.array(AttachmentNameSchema).max(MAX_RECEIPT_PHOTOS),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

export const KioskBundleHeaderSchema = z.strictObject({
  format: z.literal(KIOSK_BUNDLE_FORMAT),
  version: z.literal(KIOSK_BUNDLE_VERSION),
  deviceId: DeviceIdSchema,
  createdAt: z.iso.datetime({ offset: true }),
  receipt: ReceiptSchema.optional(),
  /** Page lines between header and trailer. */
  pages: z.number().int().min(0),
  /** Image lines before the pages (absent: none). */
  images: z.number().int().min(0).optional(),
});
export type KioskBundleHeader = z.infer<typeof KioskBundleHeaderSchema>;

/** The largest image a bundle carries: a form's image (shared/forms/node/form-media.ts); branding's are smaller. */
export const MAX_BUNDLE_IMAGE_BYTES = 2 * 1024 * 1024;

/**
 * One image the pages name (a form's, by its media refs; the branding's logo and loop), by its
 * hash: the kiosk checks it as it checks a fetched one, so a set-up by USB shows the same form.
 */
export const KioskBundleImageSchema = z.strictObject({
  image: z.strictObject({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    data: z.base64().max(Math.ceil(MAX_BUNDLE_IMAGE_BYTES / 3) * 4),
  }),
});
export type KioskBundleImage = z.infer<typeof KioskBundleImageSchema>['image'];

/** One stream's changes up to `cursor`, exactly as GET /v1/sync/pull answers them. */
export const KioskBundlePageSchema = z.strictObject({
  stream: PullStreamSchema.exclude(['records']),
  changes: z.array(PullChangeSchema),
  cursor: CursorSchema,
});
export type KioskBundlePage = z.infer<typeof KioskBundlePageSchema>;
