// Small JPEG thumbnails of stored JPEG photos for the console's data table (issue 14): decoded with
// jpeg-js, shrunk with a box filter (each thumbnail pixel the average of the source pixels it
// covers), encoded again. Kept in a bounded in-memory LRU per server process, by the photo's name
// (its hash) and the size: a thumbnail is derived data that any process can make again from the
// photo, so PostgreSQL's several processes each keep their own instead of sharing a table.
import { decode, encode } from 'jpeg-js';

/** The thumbnail's long edge in pixels (the table shows them at 96 CSS px, 2x and more for HiDPI). */
export const THUMBNAIL_EDGE = 256;
const QUALITY = 80;
/** Kiosk photos are at most 2048 px on the long edge; a bigger image is refused before decoding. */
const MAX_MEGAPIXELS = 24;
const MAX_DECODE_MB = 256;

export class ThumbnailError extends Error {
  override readonly name = 'ThumbnailError';
}

/** A JPEG whose long edge is `edge` (never enlarged), in the source's aspect. */
export function makeThumbnail(jpeg: Buffer, edge: number): Buffer {
  let source: { width: number; height: number; data: Uint8Array };
  try {
    source = decode(jpeg, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: false,
      maxResolutionInMP: MAX_MEGAPIXELS,
      maxMemoryUsageInMB: MAX_DECODE_MB,
    });
  } catch (e) {
    throw new ThumbnailError(e instanceof Error ? e.message : String(e));
  }
  if (source.width === 0 || source.height === 0) throw new ThumbnailError('the image has no pixels');
  const scale = Math.min(1, edge / Math.max(source.width, source.height));
  const width = Math.max(1, Math.round(source.width * scale));
  const height = Math.max(1, Math.round(source.height * scale));
  return encode({ width, height, data: boxFilter(source, width, height) }, QUALITY).data;
}

/** RGBA pixels of `source` shrunk to width × height, each the mean of the source box it covers. */
function boxFilter(
  source: { width: number; height: number; data: Uint8Array },
  width: number,
  height: number,
): Uint8Array {
  const out = new Uint8Array(width * height * 4);
  const span = (i: number, to: number, from: number): [number, number] => {
    const start = Math.floor((i * from) / to);
    return [start, Math.max(start + 1, Math.floor(((i + 1) * from) / to))];
  };
  for (let y = 0; y < height; y++) {
    const [y0, y1] = span(y, height, source.height);
    for (let x = 0; x < width; x++) {
      const [x0, x1] = span(x, width, source.width);
      let r = 0;
      let g = 0;
      let b = 0;
      for (let sy = y0; sy < y1; sy++) {
        let at = (sy * source.width + x0) * 4;
        for (let sx = x0; sx < x1; sx++, at += 4) {
          r += source.data[at] ?? 0;
          g += source.data[at + 1] ?? 0;
          b += source.data[at + 2] ?? 0;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (y * width + x) * 4;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
      out[o + 3] = 255;
    }
  }
  return out;
}

/** Least recently used thumbnails, at most `maxBytes` of them in all. */
export class ThumbnailCache {
  private readonly entries = new Map<string, Buffer>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(key: string): Buffer | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  set(key: string, thumbnail: Buffer): void {
    if (thumbnail.length > this.maxBytes) return;
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= old.length;
    }
    this.entries.set(key, thumbnail);
    this.bytes += thumbnail.length;
    for (const [oldest, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= value.length;
    }
  }
}
