// The drawing pad's arithmetic, apart from the canvas: where a pointer lands in canvas pixels, how
// thick its line is, and how big the pad is for each appearance.
import { targetSize, type Size } from './target-size';

export type DrawingKind = 'signature' | 'draw' | 'annotate';
export type Point = { x: number; y: number };
/** Where the canvas sits on screen (a DOMRect's fields). */
export type Box = { left: number; top: number; width: number; height: number };

/** A signature is a wide strip; a drawing a 4:3 sheet; an annotated image keeps its own shape. */
const PAD_SIZE: Readonly<Record<Exclude<DrawingKind, 'annotate'>, Size>> = {
  signature: { width: 1200, height: 480 },
  draw: { width: 1200, height: 900 },
};
/** The long edge of an image to annotate: enough to read on screen, small enough to store. */
const ANNOTATE_MAX_PIXELS = 1600;

export function padSize(kind: DrawingKind, image?: Size): Size {
  if (kind !== 'annotate') return PAD_SIZE[kind];
  return image ? targetSize(image, ANNOTATE_MAX_PIXELS) : PAD_SIZE.draw;
}

/** A pointer's screen position as canvas pixels (the canvas is scaled by CSS), kept on the pad. */
export function padPoint(clientX: number, clientY: number, box: Box, canvas: Size): Point {
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
  const x = box.width > 0 ? ((clientX - box.left) / box.width) * canvas.width : 0;
  const y = box.height > 0 ? ((clientY - box.top) / box.height) * canvas.height : 0;
  return { x: clamp(x, canvas.width), y: clamp(y, canvas.height) };
}

/**
 * Line width in canvas pixels: a pen's pressure thickens the line around the base width; mouse and
 * finger report no real pressure (0.5 while pressed), so they draw at the base width.
 */
export function lineWidth(canvas: Size, pointerType: string, pressure: number): number {
  const base = Math.max(2, Math.round(Math.max(canvas.width, canvas.height) / 300));
  if (pointerType !== 'pen' || !(pressure > 0)) return base;
  return Math.max(1, base * (0.5 + Math.min(1, pressure)));
}
