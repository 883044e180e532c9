// Photo attachments on the wire (docs/field-records.md): the name answers hold, the limits, and
// the chunk upload's query and status. Re-exported by protocol.ts.
import { z } from 'zod';

// Attachments ---------------------------------------------------------------------------------
// Photos travel apart from the records that name them (a slow photo never holds back survey
// data), in chunks, resumable: PUT /v1/attachments/:name/chunks?offset=N&size=TOTAL with an
// application/octet-stream body appends bytes at N (the server's `received`), and
// GET /v1/attachments/:name/status says how far the server's copy reached. The last chunk is
// verified against the name's SHA-256 before the attachment counts as stored.

/** An attachment's name as answers hold it: the SHA-256 of its bytes, lower-case hex, and its type. */
export const AttachmentNameSchema = z.string().regex(/^[0-9a-f]{64}\.(jpg|png)$/, 'not an attachment name');
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
/** Largest chunk one PUT may carry. */
export const MAX_ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

export const AttachmentChunkQuerySchema = z.strictObject({
  offset: z.coerce.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
  size: z.coerce.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
});
export type AttachmentChunkQuery = z.input<typeof AttachmentChunkQuerySchema>;

export const AttachmentStatusSchema = z.object({
  name: AttachmentNameSchema,
  /** Bytes the server holds; equal to `size` once complete. */
  received: z.number().int().min(0),
  /** The total announced by the first chunk; null before any. */
  size: z.number().int().min(1).nullable(),
  /** Verified by hash and stored for good. */
  complete: z.boolean(),
  serverTime: z.iso.datetime({ offset: true }),
});
export type AttachmentStatus = z.infer<typeof AttachmentStatusSchema>;
