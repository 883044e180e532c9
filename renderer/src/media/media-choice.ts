// Which allowed type a recording or chosen file is saved as, decided by its bytes (the file's own
// name and type are only trusted to tell CSV from plain text and audio from video in the same
// container), then checked against the question's type, its `body::accept` and the type's limit.
// The kiosk core checks the bytes again; this only spares staff a refusal after a long upload.
import {
  formatsFor,
  mebibytes,
  type AttachmentMime,
  type KnownFormat,
  type MediaQuestionType,
} from '../../../shared/sync/attachment-formats';
import { sniffContainer } from '../../../shared/sync/media-header';

export type RecordedQuestionType = Exclude<MediaQuestionType, 'image'>;

export type MediaChoice =
  | { ok: true; mime: AttachmentMime }
  | { ok: false; problem: 'unsupported' | 'notAccepted' }
  | { ok: false; problem: 'tooLarge'; maxMiB: number };

/** Bytes enough to sniff any container (and to tell text). */
export const HEAD_BYTES = 4096;

export type Candidate = { head: Uint8Array; size: number; fileName: string };

export function chooseMime(
  file: Candidate,
  type: RecordedQuestionType,
  accept: string | undefined,
): MediaChoice {
  const container = sniffContainer(file.head);
  const candidates = formatsFor(type).filter((f) => f.container === container);
  const format = pick(candidates, file, type);
  if (format === undefined) return { ok: false, problem: 'unsupported' };
  if (accept !== undefined && !accepts(accept, format, file.fileName))
    return { ok: false, problem: 'notAccepted' };
  if (file.size > format.maxBytes)
    return { ok: false, problem: 'tooLarge', maxMiB: mebibytes(format.maxBytes) };
  return { ok: true, mime: format.mime };
}

/** One container, several types: the file's extension or brand decides, else the question's kind. */
function pick(candidates: readonly KnownFormat[], file: Candidate, type: RecordedQuestionType) {
  if (candidates.length <= 1) return candidates[0];
  const extension = file.fileName.toLowerCase().split('.').pop() ?? '';
  const byExtension = candidates.find((f) => f.extension === extension);
  if (byExtension) return byExtension;
  // An MP4 file's brand (bytes 8–11) says M4A (sound) or QuickTime.
  const brand = String.fromCharCode(...file.head.subarray(8, 12));
  const byBrand = candidates.find(
    (f) => (brand === 'M4A ' && f.mime === 'audio/mp4') || (brand === 'qt  ' && f.mime === 'video/quicktime'),
  );
  if (byBrand) return byBrand;
  const kind = type === 'file' ? 'video' : type;
  return (
    candidates.find((f) => f.kind === kind) ??
    candidates.find((f) => f.mime === 'text/plain') ??
    candidates[0]
  );
}

/**
 * An HTML accept list, as pyxform copies body::accept: ".pdf,.csv", "audio/*", "application/pdf".
 * A format passes when any entry names its type, its family or its extension.
 */
export function accepts(accept: string, format: KnownFormat, fileName: string): boolean {
  const fileExtension = `.${fileName.toLowerCase().split('.').pop() ?? ''}`;
  return accept
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '')
    .some((entry) =>
      entry.startsWith('.')
        ? entry === `.${format.extension}` || entry === fileExtension
        : entry.endsWith('/*')
          ? format.mime.startsWith(entry.slice(0, -1))
          : entry === format.mime,
    );
}
