// What an attachment's bytes must be before the kiosk stores them, by their content: within the
// limit of their type, and a whole file of that type (a photo's dimensions read on the way).
import {
  formatOfMime,
  mebibytes,
  NOUN_OF_KIND,
  type AttachmentMime,
} from '../../../shared/sync/attachment-formats';
import { checkMedia } from '../../../shared/sync/media-header';
import { readImageHeader } from './image-header';

export type CheckedAttachment = { width: number; height: number } | { width: null; height: null };

/** The dimensions (images) or nulls; else the sentence saying what is wrong, for the caller's error. */
export function checkAttachmentBytes(bytes: Buffer, mime: AttachmentMime): CheckedAttachment | string {
  const format = formatOfMime(mime);
  const noun = NOUN_OF_KIND[format.kind];
  if (bytes.length === 0) return `The ${noun} is empty`;
  if (bytes.length > format.maxBytes)
    return `The ${noun} is ${bytes.length} bytes; a ${noun} may have at most ${format.maxBytes} bytes (${mebibytes(format.maxBytes)} MiB)`;
  if (format.container === 'jpeg' || format.container === 'png') {
    const header = readImageHeader(bytes, format.container === 'png' ? 'image/png' : 'image/jpeg');
    return typeof header === 'string' ? `The photo is not a whole ${mime} image: ${header}` : header;
  }
  const problem = checkMedia(bytes, format.container);
  return problem === undefined
    ? { width: null, height: null }
    : `The ${noun} is not a whole ${mime} file: ${problem}`;
}
