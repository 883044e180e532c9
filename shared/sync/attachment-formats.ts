// The kinds of file an answer may name (docs/field-records.md, "Attachments"): photos and
// drawings, sound and video recordings, and the documents a `file` question takes. One table for
// the kiosk, the server and the renderer: the name's extension says the type, so a stored file is
// always served as what its bytes were checked to be. Browser-safe (no node: imports).

/** How the bytes are checked: the container, not the codec (the kiosk plays or hands them on). */
export type Container = 'jpeg' | 'png' | 'webm' | 'ogg' | 'mp4' | 'mp3' | 'wav' | 'pdf' | 'text';
/** The question types whose answer is a stored file. */
export type MediaQuestionType = 'image' | 'audio' | 'video' | 'file';

const MIB = 1024 * 1024;
/** Photos keep their limit; recordings are larger; a document as large as a photo. */
const IMAGE_BYTES = 20 * MIB;
const RECORDING_BYTES = 50 * MIB;
const DOCUMENT_BYTES = 20 * MIB;

export type AttachmentFormat = {
  readonly mime: string;
  readonly extension: string;
  readonly container: Container;
  readonly maxBytes: number;
  /** What this format is, for the question types that accept it besides `file`. */
  readonly kind: 'image' | 'audio' | 'video' | 'document';
};

/**
 * The allow-list. A `file` question takes any of these and nothing else: no executables, archives
 * or office documents (their macros and embedded content are beyond what the kiosk can check).
 */
export const ATTACHMENT_FORMATS = [
  { mime: 'image/jpeg', extension: 'jpg', container: 'jpeg', maxBytes: IMAGE_BYTES, kind: 'image' },
  { mime: 'image/png', extension: 'png', container: 'png', maxBytes: IMAGE_BYTES, kind: 'image' },
  { mime: 'audio/webm', extension: 'weba', container: 'webm', maxBytes: RECORDING_BYTES, kind: 'audio' },
  { mime: 'audio/ogg', extension: 'ogg', container: 'ogg', maxBytes: RECORDING_BYTES, kind: 'audio' },
  { mime: 'audio/mp4', extension: 'm4a', container: 'mp4', maxBytes: RECORDING_BYTES, kind: 'audio' },
  { mime: 'audio/mpeg', extension: 'mp3', container: 'mp3', maxBytes: RECORDING_BYTES, kind: 'audio' },
  { mime: 'audio/wav', extension: 'wav', container: 'wav', maxBytes: RECORDING_BYTES, kind: 'audio' },
  { mime: 'video/webm', extension: 'webm', container: 'webm', maxBytes: RECORDING_BYTES, kind: 'video' },
  { mime: 'video/mp4', extension: 'mp4', container: 'mp4', maxBytes: RECORDING_BYTES, kind: 'video' },
  { mime: 'video/quicktime', extension: 'mov', container: 'mp4', maxBytes: RECORDING_BYTES, kind: 'video' },
  { mime: 'application/pdf', extension: 'pdf', container: 'pdf', maxBytes: DOCUMENT_BYTES, kind: 'document' },
  { mime: 'text/plain', extension: 'txt', container: 'text', maxBytes: DOCUMENT_BYTES, kind: 'document' },
  { mime: 'text/csv', extension: 'csv', container: 'text', maxBytes: DOCUMENT_BYTES, kind: 'document' },
] as const satisfies readonly AttachmentFormat[];

/** One row of the table, its mime and extension as literal types. */
export type KnownFormat = (typeof ATTACHMENT_FORMATS)[number];
export type AttachmentMime = KnownFormat['mime'];
export const ATTACHMENT_MIMES = ATTACHMENT_FORMATS.map((f) => f.mime) as [
  AttachmentMime,
  ...AttachmentMime[],
];

/** The largest attachment of any kind (a recording). */
export const MAX_ATTACHMENT_BYTES = Math.max(...ATTACHMENT_FORMATS.map((f) => f.maxBytes));

/** "<sha256 hex>.<extension>" for every extension of the table. */
export const ATTACHMENT_NAME_PATTERN = new RegExp(
  `^[0-9a-f]{64}\\.(${ATTACHMENT_FORMATS.map((f) => f.extension).join('|')})$`,
);

export function formatOfMime(mime: AttachmentMime): KnownFormat {
  return ATTACHMENT_FORMATS.find((f) => f.mime === mime) as KnownFormat;
}

/** Only for names ATTACHMENT_NAME_PATTERN accepts. */
export function formatOfName(name: string): KnownFormat {
  const extension = name.slice(name.lastIndexOf('.') + 1);
  const format = ATTACHMENT_FORMATS.find((f): f is KnownFormat => f.extension === extension);
  if (format === undefined) throw new Error(`not an attachment name: ${name}`);
  return format;
}

/** Which formats a question of this type takes. */
export function formatsFor(type: MediaQuestionType): readonly KnownFormat[] {
  return type === 'file' ? ATTACHMENT_FORMATS : ATTACHMENT_FORMATS.filter((f) => f.kind === type);
}

/** What a file of each kind is called in messages ("The photo is empty", "a video may be…"). */
export const NOUN_OF_KIND: Readonly<Record<AttachmentFormat['kind'], string>> = {
  image: 'photo',
  audio: 'sound recording',
  video: 'video',
  document: 'file',
};

/** "MiB" figures for messages, e.g. 50. */
export const mebibytes = (bytes: number): number => Math.round((bytes / MIB) * 10) / 10;
