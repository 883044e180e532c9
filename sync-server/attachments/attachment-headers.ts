// The headers every attachment download carries. Its type comes from its name, whose content was
// checked on arrival; `nosniff` and `attachment` make sure nothing uploaded (an HTML page or SVG
// passed off as text, say) is ever rendered as a page on the server's origin.
import { mimeOf } from './attachment-check';

/** Only for names AttachmentNameSchema accepted. */
export function attachmentHeaders(name: string, size: number): Record<string, string> {
  return {
    'content-type': mimeOf(name),
    'content-length': String(size),
    'content-disposition': `attachment; filename="${name}"`,
    'x-content-type-options': 'nosniff',
  };
}
