// Attachments (photos, recordings, documents) are named by their content (sha256 hex + the
// extension of their type) and answers hold those names, so "which attachments does this draft or
// revision name" is a walk over its answers.
import {
  ATTACHMENT_FORMATS,
  formatOfMime,
  type AttachmentMime,
} from '../../../shared/sync/attachment-formats';
import { AttachmentNameSchema } from '../../../shared/sync/protocol';

export type { AttachmentMime };

/** ".jpg", ".weba"…: what follows the hash in the name of an attachment of this type. */
export const extensionOf = (mime: AttachmentMime): string => `.${formatOfMime(mime).extension}`;

/**
 * SQL true when a JSON column may name an attachment (holds '.<extension>"' of some type): a
 * filter SQLite runs in C, so answers that name none (visitor responses) are never parsed.
 */
export const mayNameAnAttachment = (column: string): string =>
  `(${ATTACHMENT_FORMATS.map((f) => `instr(${column}, '.${f.extension}"') > 0`).join(' OR ')})`;

export const isAttachmentName = (value: string): boolean => AttachmentNameSchema.safeParse(value).success;

/**
 * Every attachment name in a JSON answers value (repeats and nested values included). Form-agnostic
 * on purpose: a record pulled under a form version this kiosk lacks still keeps its photos.
 */
export function attachmentNamesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (isAttachmentName(value)) into.add(value);
  } else if (Array.isArray(value)) {
    for (const item of value) attachmentNamesIn(item, into);
  } else if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) attachmentNamesIn(item, into);
  }
  return into;
}
