// What a stored recording or document must be, by its bytes and not by what the caller says:
// the container's signature, and where the container allows it, its framing walked to the end so
// a torn copy is refused. Codecs are not decoded. Images have their own check (image-header.ts).
// Browser-safe: the renderer picks a file's type with sniffContainer before saving it.
import type { Container } from './attachment-formats';

const ascii = (bytes: Uint8Array, from: number, to: number): string =>
  String.fromCharCode(...bytes.subarray(from, to));
const u32be = (b: Uint8Array, at: number): number =>
  ((b[at] ?? 0) * 0x1000000 + ((b[at + 1] ?? 0) << 16) + ((b[at + 2] ?? 0) << 8) + (b[at + 3] ?? 0)) >>> 0;
const u32le = (b: Uint8Array, at: number): number =>
  ((b[at + 3] ?? 0) * 0x1000000 + ((b[at + 2] ?? 0) << 16) + ((b[at + 1] ?? 0) << 8) + (b[at] ?? 0)) >>> 0;

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const startsWith = (bytes: ArrayLike<number>, magic: readonly number[], at = 0): boolean =>
  magic.every((byte, i) => bytes[at + i] === byte);

/** The container the first bytes announce (a few KiB are plenty), or undefined. */
export function sniffContainer(head: Uint8Array): Container | undefined {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, EBML_MAGIC)) return 'webm';
  if (ascii(head, 0, 4) === 'OggS') return 'ogg';
  if (ascii(head, 4, 8) === 'ftyp') return 'mp4';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WAVE') return 'wav';
  if (ascii(head, 0, 5) === '%PDF-') return 'pdf';
  if (ascii(head, 0, 3) === 'ID3' || isMp3Frame(head, 0)) return 'mp3';
  if (head.length > 0 && textProblem(head, false) === undefined) return 'text';
  return undefined;
}

/** undefined when `bytes` are a whole file of `container`; else a sentence saying why not. */
export function checkMedia(
  bytes: Uint8Array,
  container: Exclude<Container, 'jpeg' | 'png'>,
): string | undefined {
  switch (container) {
    case 'webm':
      return checkWebm(bytes);
    case 'ogg':
      return checkOgg(bytes);
    case 'mp4':
      return checkMp4(bytes);
    case 'mp3':
      return checkMp3(bytes);
    case 'wav':
      return checkWav(bytes);
    case 'pdf':
      return checkPdf(bytes);
    case 'text':
      return bytes.length === 0 ? 'the text is empty' : textProblem(bytes, true);
  }
}

// WebM (Matroska) -------------------------------------------------------------------------------

/** An EBML variable-length integer at `at`: its value (marker bit removed) and length. */
function vint(
  bytes: Uint8Array,
  at: number,
): { value: number; length: number; unknown: boolean } | undefined {
  const first = bytes[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (at + length > bytes.length) return undefined;
  let value = first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[at + i] as number;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { value, length, unknown: allOnes };
}

/** An element's header at `at`: where its data starts and its size (undefined: unknown size). */
function ebmlElement(bytes: Uint8Array, at: number) {
  const id = vint(bytes, at);
  const size = id && vint(bytes, at + id.length);
  if (!id || !size) return undefined;
  const idBytes = [...bytes.subarray(at, at + id.length)];
  return { idBytes, data: at + id.length + size.length, size: size.unknown ? undefined : size.value };
}

const SEGMENT = [0x18, 0x53, 0x80, 0x67];
const DOC_TYPE = [0x42, 0x82];

function checkWebm(bytes: Uint8Array): string | undefined {
  if (!startsWith(bytes, EBML_MAGIC)) return 'not a WebM file';
  const header = ebmlElement(bytes, 0);
  if (header?.size === undefined || header.data + header.size > bytes.length)
    return 'the WebM header is damaged';
  const end = header.data + header.size;
  let docType: string | undefined;
  for (let at = header.data; at < end;) {
    const child = ebmlElement(bytes, at);
    if (child?.size === undefined || child.data + child.size > end) return 'the WebM header is damaged';
    if (startsWith(child.idBytes, DOC_TYPE)) docType = ascii(bytes, child.data, child.data + child.size);
    at = child.data + child.size;
  }
  if (docType?.replace(/\0+$/, '') !== 'webm')
    return `not a WebM file (its document type is ${docType ?? 'missing'})`;
  const segment = ebmlElement(bytes, end);
  if (!segment || !startsWith(segment.idBytes, SEGMENT)) return 'the WebM file has no segment (cut short?)';
  const segmentEnd = segment.size === undefined ? bytes.length : segment.data + segment.size;
  if (segmentEnd > bytes.length) return 'the WebM file is cut short';
  // A recorder writes the segment (and often its clusters) with unknown size: walk what is sized.
  let children = 0;
  for (let at = segment.data; at < segmentEnd; children++) {
    const child = ebmlElement(bytes, at);
    if (!child) return 'the WebM file is cut short';
    if (child.size === undefined) break;
    if (child.data + child.size > segmentEnd) return 'the WebM file is cut short';
    at = child.data + child.size;
  }
  return children === 0 ? 'the WebM file has nothing in its segment' : undefined;
}

// Ogg ---------------------------------------------------------------------------------------------

function checkOgg(bytes: Uint8Array): string | undefined {
  let at = 0;
  let last = 0;
  while (at < bytes.length) {
    if (ascii(bytes, at, at + 4) !== 'OggS' || bytes[at + 4] !== 0)
      return at === 0 ? 'not an Ogg file' : 'the Ogg file is damaged';
    const segments = bytes[at + 26];
    if (segments === undefined || at + 27 + segments > bytes.length) return 'the Ogg file is cut short';
    let body = 0;
    for (let i = 0; i < segments; i++) body += bytes[at + 27 + i] as number;
    last = bytes[at + 5] as number;
    at += 27 + segments + body;
  }
  if (at > bytes.length) return 'the Ogg file is cut short';
  // Flag 4 marks the stream's last page.
  return last & 4 ? undefined : 'the Ogg file is cut short (no end-of-stream page)';
}

// MP4 / M4A / QuickTime -----------------------------------------------------------------------

function checkMp4(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 4, 8) !== 'ftyp') return 'not an MP4 file';
  let movie = false;
  for (let at = 0; at < bytes.length;) {
    if (at + 8 > bytes.length) return 'the MP4 file is cut short';
    let size = u32be(bytes, at);
    const type = ascii(bytes, at + 4, at + 8);
    if (size === 1) {
      if (at + 16 > bytes.length) return 'the MP4 file is cut short';
      size = u32be(bytes, at + 8) * 0x100000000 + u32be(bytes, at + 12);
    } else if (size === 0) {
      size = bytes.length - at;
    }
    if (size < 8) return 'the MP4 file is damaged';
    if (at + size > bytes.length) return 'the MP4 file is cut short';
    if (type === 'moov' || type === 'moof') movie = true;
    at += size;
  }
  return movie ? undefined : 'the MP4 file has no movie header (moov)';
}

// MP3 ----------------------------------------------------------------------------------------------

/** An MPEG audio frame header at `at`: sync, a known version, layer, bitrate and sample rate. */
function isMp3Frame(bytes: Uint8Array, at: number): boolean {
  const [b0, b1, b2] = [bytes[at], bytes[at + 1], bytes[at + 2]];
  if (b0 !== 0xff || b1 === undefined || b2 === undefined || (b1 & 0xe0) !== 0xe0) return false;
  return (
    ((b1 >> 3) & 3) !== 1 &&
    ((b1 >> 1) & 3) !== 0 &&
    b2 >> 4 !== 0xf &&
    b2 >> 4 !== 0 &&
    ((b2 >> 2) & 3) !== 3
  );
}

function checkMp3(bytes: Uint8Array): string | undefined {
  let at = 0;
  if (ascii(bytes, 0, 3) === 'ID3') {
    if (bytes.length < 10) return 'the MP3 file is cut short';
    // The tag's size: four bytes of 7 bits each; a footer adds 10 more.
    const size = [6, 7, 8, 9].reduce((sum, i) => sum * 128 + ((bytes[i] as number) & 0x7f), 0);
    at = 10 + size + ((bytes[5] as number) & 0x10 ? 10 : 0);
    if (at >= bytes.length) return 'the MP3 file is cut short (a tag and no sound)';
  }
  return isMp3Frame(bytes, at) ? undefined : 'not an MP3 file';
}

// WAV ----------------------------------------------------------------------------------------------

function checkWav(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 12) !== 'WAVE') return 'not a WAV file';
  if (8 + u32le(bytes, 4) > bytes.length) return 'the WAV file is cut short';
  let format = false;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = ascii(bytes, at, at + 4);
    const size = u32le(bytes, at + 4);
    if (at + 8 + size > bytes.length) return 'the WAV file is cut short';
    if (id === 'fmt ') format = true;
    if (id === 'data') return format ? undefined : 'the WAV file has no format chunk before its data';
    at += 8 + size + (size % 2);
  }
  return 'the WAV file has no data chunk';
}

// PDF and text ------------------------------------------------------------------------------------

function checkPdf(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 0, 5) !== '%PDF-') return 'not a PDF document';
  return ascii(bytes, Math.max(0, bytes.length - 1024), bytes.length).includes('%%EOF')
    ? undefined
    : 'the PDF document is cut short (no %%EOF at the end)';
}

/** Controls other than tab, line feed, form feed and carriage return mark a binary file. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BINARY = /[\0-\x08\x0b\x0e-\x1f\x7f]/;

/** Checks text piece by piece (the server reads an upload as it arrives). */
export class TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** Why these bytes are not text, as far as they were read. */
  problem: string | undefined;

  push(bytes: Uint8Array, last = false): void {
    if (this.problem !== undefined) return;
    try {
      if (BINARY.test(this.decoder.decode(bytes, { stream: !last })))
        this.problem = 'not plain text (it holds control characters, as a program or binary file does)';
    } catch {
      this.problem = 'not plain text (it is not UTF-8)';
    }
  }

  end(): string | undefined {
    this.push(new Uint8Array(0), true);
    return this.problem;
  }
}

/** `whole`: the bytes are the whole file; else a head, whose last character may be cut. */
function textProblem(bytes: Uint8Array, whole: boolean): string | undefined {
  const check = new TextCheck();
  check.push(bytes, whole);
  return whole ? check.end() : check.problem;
}
