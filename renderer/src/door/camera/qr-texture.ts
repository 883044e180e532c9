// A cheap look for QR-like texture, to decide whether a frame zxing could not read deserves the
// sharpened retries (each costs far more than a plain read). A QR code is a patch dense with edges
// in both directions; a door's idle view (a wall, a counter, a blank card) mostly is not. Measured
// on a half-resolution grey copy, relative to the local brightness so shadows and dim light count
// as much as bright light: about 1 ms for a 640×480 frame.

/** Side, in half-resolution pixels, of the cells the edges are summed over. */
const CELL = 8;
/** Cells per side of the window scored: 48 camera pixels, about the smallest code a door reads. */
const WINDOW = 3;
/** Keeps dark patches' sensor noise from scoring as texture. */
const DARK_FLOOR = 16;

/**
 * The strongest QR-like texture in the frame: over every window, the weaker of the mean horizontal
 * and vertical brightness steps divided by the mean brightness (≈ 0 for flat areas and for stripes).
 */
export function qrTextureScore(image: Pick<ImageData, 'data' | 'width' | 'height'>): number {
  const { width, height, data } = image;
  const w = width >> 1;
  const h = height >> 1;
  const cols = Math.floor(w / CELL);
  const rows = Math.floor(h / CELL);
  const stepX = new Float32Array(cols * rows);
  const stepY = new Float32Array(cols * rows);
  const light = new Float32Array(cols * rows);
  // The green channel of every second pixel of every second row: luma enough for edges.
  const grey = (x: number, y: number) => data[(2 * y * width + 2 * x) * 4 + 1] as number;
  for (let y = 1; y < rows * CELL; y++) {
    const cellRow = Math.floor(y / CELL) * cols;
    for (let x = 1; x < cols * CELL; x++) {
      const cell = cellRow + Math.floor(x / CELL);
      const v = grey(x, y);
      stepX[cell] = (stepX[cell] as number) + Math.abs(v - grey(x - 1, y));
      stepY[cell] = (stepY[cell] as number) + Math.abs(v - grey(x, y - 1));
      light[cell] = (light[cell] as number) + v;
    }
  }
  const perWindow = WINDOW * WINDOW * CELL * CELL;
  let best = 0;
  for (let cy = 0; cy + WINDOW <= rows; cy++) {
    for (let cx = 0; cx + WINDOW <= cols; cx++) {
      let sx = 0;
      let sy = 0;
      let sl = 0;
      for (let dy = 0; dy < WINDOW; dy++) {
        for (let dx = 0; dx < WINDOW; dx++) {
          const cell = (cy + dy) * cols + cx + dx;
          sx += stepX[cell] as number;
          sy += stepY[cell] as number;
          sl += light[cell] as number;
        }
      }
      best = Math.max(best, Math.min(sx, sy) / perWindow / (sl / perWindow + DARK_FLOOR));
    }
  }
  return best;
}
