// The image a kiosk screen asks for, form-media/FORM/FILE?version=V, answered the same on both
// transports: the web kiosk's HTTP route and Electron's app:// handler. Form id, version and name
// are checked (one segment, PNG or JPEG) before any path is built.
import { z } from 'zod';
import { fail, ok, type Result } from '../../../shared/ipc/result';
import {
  FormMediaRequestSchema,
  readInstalledMedia,
  type FormMediaType,
} from '../../../shared/forms/node/form-media';

export const FORM_IMAGE_PREFIX = '/form-media/';

export type FormImage = { type: FormMediaType; bytes: Buffer };

/** The installed image a screen asked for; a repeated `version` is refused like any unfit one. */
export function formImage(
  dataDir: string | undefined,
  asked: { formId: unknown; file: unknown; version: unknown },
): Result<FormImage> {
  const request = FormMediaRequestSchema.safeParse(asked);
  if (!request.success) return fail('invalid_input', `form image: ${z.prettifyError(request.error)}`);
  const { formId, version, file } = request.data;
  const media = dataDir === undefined ? undefined : readInstalledMedia(dataDir, request.data);
  if (media === undefined) {
    return fail(
      'not_found',
      `no image ${JSON.stringify(file)} in form ${formId} version ${JSON.stringify(version)}`,
    );
  }
  return ok(media);
}

/**
 * What an app:// URL asks for when its path is form-media/FORM/FILE, else undefined. Segments are
 * decoded here and checked by formImage; one that cannot be decoded is kept as sent and refused there.
 */
export function formImageAskedBy(url: URL): { formId: string; file: string; version: unknown } | undefined {
  if (!url.pathname.startsWith(FORM_IMAGE_PREFIX)) return undefined;
  const segments = url.pathname.slice(FORM_IMAGE_PREFIX.length).split('/').map(decodeSegment);
  const versions = url.searchParams.getAll('version');
  return {
    formId: segments.length === 2 ? (segments[0] ?? '') : '',
    file: segments.length === 2 ? (segments[1] ?? '') : '',
    // As a query string parser gives it: absent, one text, or a list when repeated.
    version: versions.length <= 1 ? versions[0] : versions,
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
