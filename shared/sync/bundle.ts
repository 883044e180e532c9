// USB bundles: a kiosk's pending outbox rows (and waiting photos) in one file that staff carry to
// the server when there is no network. JSON Lines: a header, the changes exactly as a push sends
// them, photo chunks, and a trailer with the counts, the SHA-256 of everything before it and an
// HMAC-SHA256 keyed by the device's token hash (signing and reading: node/bundle-sign.ts).
// docs/sync-protocol.md#usb-bundles.
import { z } from 'zod';
import {
  AttachmentNameSchema,
  DeviceIdSchema,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_CHUNK_BYTES,
  PushChangeSchema,
} from './protocol';

export const BUNDLE_FORMAT = 'quiosco-usb-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.qbundle';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const BundleHeaderSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  deviceId: DeviceIdSchema,
  createdAt: z.iso.datetime({ offset: true }),
  /** The seqs the server numbers the changes with (as a push would send them); 0 and 0 when none. */
  fromSeq: z.number().int().min(0),
  throughSeq: z.number().int().min(0),
  records: z.number().int().min(0),
  photos: z.number().int().min(0),
});
export type BundleHeader = z.infer<typeof BundleHeaderSchema>;

/** One piece of a photo; a photo's chunks follow each other, offsets from 0 with no gap. */
export const BundlePhotoChunkSchema = z.strictObject({
  photo: AttachmentNameSchema,
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  offset: z.number().int().min(0),
  /** Base64 of at most MAX_ATTACHMENT_CHUNK_BYTES bytes. */
  data: z.base64().max(Math.ceil(MAX_ATTACHMENT_CHUNK_BYTES / 3) * 4),
});

export const BundleLineSchema = z.union([
  z.strictObject({ change: PushChangeSchema }),
  BundlePhotoChunkSchema,
]);

export const BundleTrailerSchema = z.strictObject({
  end: z.literal(true),
  /** Change lines and photo-chunk lines between header and trailer. */
  changes: z.number().int().min(0),
  chunks: z.number().int().min(0),
  /** SHA-256 of every byte before the trailer line: a damaged copy, told apart from a forged one. */
  sha256: Hex64,
  /** HMAC-SHA256 of the same bytes, keyed by bundleKey(device token). */
  hmac: Hex64,
});
export type BundleTrailer = z.infer<typeof BundleTrailerSchema>;

export const BUNDLE_ERRORS = {
  bundle_truncated: 'The bundle ends before its trailer (copied or written only in part)',
  bundle_malformed: 'Not a readable Quiosco bundle',
  bundle_damaged: 'The bundle does not match its own checksum (damaged on the drive)',
  bundle_signature_invalid: "The bundle's signature does not match the device's token",
  bundle_other_server:
    'USB bundle encrypted for another server: import it on the server the kiosk was enrolled with',
  bundle_sealed_damaged:
    'The encrypted bundle is damaged, cut short or reordered (refused whole, nothing imported)',
  bundle_unknown_version: 'The encrypted bundle has a format version this server does not know',
  bundle_server_key_missing: 'The bundle is encrypted, but this server has no bundle key to open it',
  bundle_unknown_device: 'No device with this id is enrolled on this server',
  device_revoked: 'This device was revoked; its bundles are refused',
  bundle_wrong_kind: 'This file is another kind of Quiosco bundle',
  bundle_other_device: 'This bundle was written for another kiosk',
  bundle_not_enrolled: 'This kiosk is not enrolled with a server, so it cannot check the bundle',
  receipt_ahead_of_outbox:
    'The receipt acknowledges records this kiosk never numbered (it belongs to an older copy of this kiosk)',
} as const;
export type BundleErrorCode = keyof typeof BUNDLE_ERRORS;

export class BundleError extends Error {
  override readonly name = 'BundleError';
  constructor(
    readonly code: BundleErrorCode,
    detail?: string,
  ) {
    super(detail === undefined ? BUNDLE_ERRORS[code] : `${BUNDLE_ERRORS[code]}: ${detail}`);
  }
}

/** A signed file split into its parts, its checksum verified (readSignedFile); the signature by signatureMatches. */
export type ReadBundle = {
  header: BundleHeader;
  trailer: BundleTrailer;
  /** The lines between header and trailer, unparsed. */
  body: string[];
  /** The signed text: everything before the trailer line. */
  signed: string;
};
