// Attachments on the wire (photos, recordings, documents; docs/field-records.md): the name answers
// hold, the limits, and the upload's query and status. Re-exported by protocol.ts.
import { z } from 'zod';
import { ATTACHMENT_NAME_PATTERN, MAX_ATTACHMENT_BYTES } from './attachment-formats';

export { MAX_ATTACHMENT_BYTES };

// Attachments ---------------------------------------------------------------------------------
// Photos travel apart from the records that name them (a slow photo never holds back survey
// data), resumable: PUT /v1/attachments/:name/chunks?offset=N&size=TOTAL with an
// application/octet-stream body appends bytes at N (the server's `received`); a kiosk sends the
// whole rest of a photo in one request, and the server keeps whatever part of it arrived when the
// request is cut. POST /v1/attachments/status says how far the server's copies of many photos
// reached (GET /v1/attachments/:name/status, of one). The last bytes are verified against the
// name's SHA-256 before the attachment counts as stored.

/**
 * An attachment's name as answers hold it: the SHA-256 of its bytes, lower-case hex, and the
 * extension of its type (attachment-formats.ts: photos, recordings, documents).
 */
export const AttachmentNameSchema = z.string().regex(ATTACHMENT_NAME_PATTERN, 'not an attachment name');
/**
 * A piece of a photo in a bundle line, and what kiosks before whole-photo uploads sent per PUT.
 * A PUT may now carry the whole rest of a photo (at most MAX_ATTACHMENT_BYTES).
 */
export const MAX_ATTACHMENT_CHUNK_BYTES = 1024 * 1024;
/** Photos one status request may ask about. */
export const MAX_ATTACHMENT_STATUS_NAMES = 500;

export const AttachmentChunkQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
  size: z.coerce.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
});
export type AttachmentChunkQuery = z.input<typeof AttachmentChunkQuerySchema>;

/** How far the server's copy of one photo reached. */
export const AttachmentStateSchema = z.object({
  name: AttachmentNameSchema,
  /** Bytes the server holds; equal to `size` once complete. */
  received: z.number().int().min(0),
  /** The total announced by the first upload; null before any. */
  size: z.number().int().min(1).nullable(),
  /** Verified by hash and stored for good. */
  complete: z.boolean(),
});
export type AttachmentState = z.infer<typeof AttachmentStateSchema>;

export const AttachmentStatusSchema = AttachmentStateSchema.extend({
  serverTime: z.iso.datetime({ offset: true }),
});
export type AttachmentStatus = z.infer<typeof AttachmentStatusSchema>;

export const AttachmentStatusRequestSchema = z.strictObject({
  names: z.array(AttachmentNameSchema).min(1).max(MAX_ATTACHMENT_STATUS_NAMES),
});
export type AttachmentStatusRequest = z.infer<typeof AttachmentStatusRequestSchema>;

/** The photos asked about that this kiosk may upload (a stored record of its events names them). */
export const AttachmentStatusListSchema = z.object({
  attachments: z.array(AttachmentStateSchema),
  serverTime: z.iso.datetime({ offset: true }),
});
export type AttachmentStatusList = z.infer<typeof AttachmentStatusListSchema>;
