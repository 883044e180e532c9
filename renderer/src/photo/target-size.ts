// How big a photo is kept: its long edge at most `maxPixels` (XLSForm's max-pixels parameter),
// proportions kept, never enlarged.
import type { Question } from '../../../shared/forms/form-definition';

/** The long edge of a kept photo when the question says nothing else (docs/field-records.md). */
export const DEFAULT_MAX_PIXELS = 2048;
/** JPEG quality of every kept photo. */
export const JPEG_QUALITY = 0.85;

export type Size = { width: number; height: number };

/** The size to scale `source` to; the source's own size when it is already small enough. */
export function targetSize(source: Size, maxPixels: number = DEFAULT_MAX_PIXELS): Size {
  const { width, height } = source;
  if (!(width >= 1 && height >= 1)) throw new RangeError(`not an image size: ${width}×${height}`);
  const limit = validMaxPixels(maxPixels);
  const longEdge = Math.max(width, height);
  if (longEdge <= limit) return { width, height };
  const scale = limit / longEdge;
  // The long edge exactly at the limit; the short one rounded, never below one pixel.
  return width >= height
    ? { width: limit, height: Math.max(1, Math.round(height * scale)) }
    : { width: Math.max(1, Math.round(width * scale)), height: limit };
}

function validMaxPixels(maxPixels: number): number {
  if (!Number.isInteger(maxPixels) || maxPixels < 1) {
    throw new RangeError(`max-pixels must be a whole number of pixels, not ${maxPixels}`);
  }
  return maxPixels;
}

/** The question's max-pixels parameter ("max-pixels=1024"), else the default. */
export function maxPixelsOf(question: Question): number {
  // Read as unknown: the parameters column is optional and arrives as text.
  const parameters: unknown = 'parameters' in question ? question.parameters : undefined;
  if (typeof parameters !== 'object' || parameters === null) return DEFAULT_MAX_PIXELS;
  const raw: unknown = Reflect.get(parameters, 'max-pixels');
  const value = typeof raw === 'string' && /^\d{1,5}$/.test(raw) ? Number(raw) : 0;
  return value >= 1 ? value : DEFAULT_MAX_PIXELS;
}
