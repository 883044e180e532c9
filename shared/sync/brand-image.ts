// What an uploaded branding image really is, read from its bytes rather than its name or declared
// type: PNG, JPEG or WebP with its pixel size, within the limits. SVG is refused, not sanitised: it
// can carry scripts, links and external references, and a safe subset would need a full XML
// sanitiser for an image a PNG does as well. The server checks on upload, the kiosk again on fetch.
import { MAX_BRAND_IMAGE_BYTES, MAX_BRAND_IMAGE_SIDE, type BrandImageType } from './branding';

export type SniffedImage = { contentType: BrandImageType; width: number; height: number };
export type SniffResult = ({ ok: true } & SniffedImage) | { ok: false; error: string };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffBrandImage(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return { ok: false, error: 'the file is empty' };
  if (bytes.length > MAX_BRAND_IMAGE_BYTES) {
    return {
      ok: false,
      error: `the image has ${bytes.length} bytes; at most ${MAX_BRAND_IMAGE_BYTES} (1 MiB) are accepted`,
    };
  }
  const found = png(bytes) ?? jpeg(bytes) ?? webp(bytes);
  if (found === null) {
    return {
      ok: false,
      error: looksLikeSvg(bytes)
        ? 'SVG images are refused (they can carry scripts and links): export it as PNG'
        : 'not a PNG, JPEG or WebP image (read from its content, whatever its name says)',
    };
  }
  if ('error' in found) return { ok: false, error: found.error };
  const { width, height } = found;
  if (width < 1 || height < 1 || width > MAX_BRAND_IMAGE_SIDE || height > MAX_BRAND_IMAGE_SIDE) {
    return {
      ok: false,
      error: `the image is ${width}×${height} pixels; each side must be 1 to ${MAX_BRAND_IMAGE_SIDE}`,
    };
  }
  return { ok: true, ...found };
}

type Found = SniffedImage | { error: string } | null;

const u16be = (b: Uint8Array, at: number) => ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
const u32be = (b: Uint8Array, at: number) => u16be(b, at) * 65536 + u16be(b, at + 2);
const u16le = (b: Uint8Array, at: number) => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8);
const u24le = (b: Uint8Array, at: number) => u16le(b, at) | ((b[at + 2] ?? 0) << 16);
const ascii = (b: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...b.subarray(at, at + length));

function png(b: Uint8Array): Found {
  if (!PNG_SIGNATURE.every((byte, i) => b[i] === byte)) return null;
  // The first chunk must be IHDR: width and height, big-endian.
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return { error: 'a PNG without its IHDR header' };
  return { contentType: 'image/png', width: u32be(b, 16), height: u32be(b, 20) };
}

function jpeg(b: Uint8Array): Found {
  if (b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  // Walk the segments to the first start-of-frame, which holds the size.
  let at = 2;
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return { error: 'a JPEG with a broken segment' };
    const marker = b[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { contentType: 'image/jpeg', width: u16be(b, at + 7), height: u16be(b, at + 5) };
    if (marker === 0xda || marker === 0xd9) break;
    at += 2 + u16be(b, at + 2);
  }
  return { error: 'a JPEG without a frame header' };
}

function webp(b: Uint8Array): Found {
  if (b.length < 16 || ascii(b, 0, 4) !== 'RIFF' || ascii(b, 8, 4) !== 'WEBP') return null;
  const chunk = ascii(b, 12, 4);
  if (chunk === 'VP8 ' && b.length >= 30 && b[23] === 0x9d && b[24] === 0x01 && b[25] === 0x2a) {
    return { contentType: 'image/webp', width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff };
  }
  if (chunk === 'VP8L' && b.length >= 25 && b[20] === 0x2f) {
    const bits = (b[21] ?? 0) | ((b[22] ?? 0) << 8) | ((b[23] ?? 0) << 16) | ((b[24] ?? 0) << 24);
    return { contentType: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && b.length >= 30) {
    return { contentType: 'image/webp', width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  }
  return { error: 'a WebP image of a kind not known here' };
}

function looksLikeSvg(b: Uint8Array): boolean {
  const head = new TextDecoder().decode(b.subarray(0, 1024)).toLowerCase();
  return head.includes('<svg');
}
