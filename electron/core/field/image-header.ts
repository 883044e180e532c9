// What a stored photo must be: a whole JPEG or PNG, by its bytes, not by what the caller says.
// We do not decode pixels (the renderer already did, to resize); we check the framing a torn or
// foreign file lacks and read the dimensions from the header.
export type ImageHeader = { width: number; height: number };

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The whole IEND chunk: length 0, type, and its fixed CRC. */
const PNG_IEND = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** The image's dimensions, or a sentence saying why these bytes are not a whole image of `mime`. */
export function readImageHeader(bytes: Buffer, mime: 'image/jpeg' | 'image/png'): ImageHeader | string {
  return mime === 'image/png' ? readPng(bytes) : readJpeg(bytes);
}

function readPng(bytes: Buffer): ImageHeader | string {
  if (bytes.length < 8 + 25 + 12 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'not a PNG image';
  if (bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR')
    return 'a PNG image must start with its IHDR header';
  if (!bytes.subarray(bytes.length - PNG_IEND.length).equals(PNG_IEND))
    return 'the PNG image is cut short (no IEND at the end)';
  return dimensions(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
}

/** SOFn markers carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function readJpeg(bytes: Buffer): ImageHeader | string {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return 'not a JPEG image';
  if (bytes[bytes.length - 2] !== 0xff || bytes[bytes.length - 1] !== 0xd9)
    return 'the JPEG image is cut short (no end-of-image marker)';
  // Walk the header segments up to the frame header: each is FF, a marker, a 16-bit length.
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return 'the JPEG header is damaged';
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2 || at + 2 + length > bytes.length) return 'the JPEG header is damaged';
    if (isStartOfFrame(marker)) {
      if (length < 7) return 'the JPEG header is damaged';
      return dimensions(bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5));
    }
    if (marker === 0xda) break; // start of scan: no frame header came first
    at += 2 + length;
  }
  return 'the JPEG image has no frame header';
}

function dimensions(width: number, height: number): ImageHeader | string {
  return width > 0 && height > 0 ? { width, height } : 'the image has no pixels (width or height 0)';
}
