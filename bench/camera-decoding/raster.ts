// Just enough image processing for synthetic camera frames: planar float RGB, projective maps,
// separable gaussian blur and PNG output. Pure JS so the bench needs no native image library.
import { PNG } from 'pngjs';
import { type Rng, seededRng } from './rng';

/** Planar RGB, 0–255 as floats so several degradations can stack before the one final rounding. */
export type Raster = { width: number; height: number; r: Float32Array; g: Float32Array; b: Float32Array };

export type Point = { x: number; y: number };

/** Row-major 3×3 projective matrix. */
export type Homography = readonly number[];

export function createRaster(width: number, height: number): Raster {
  const size = width * height;
  return { width, height, r: new Float32Array(size), g: new Float32Array(size), b: new Float32Array(size) };
}

export const channels = (raster: Raster): Float32Array[] => [raster.r, raster.g, raster.b];

/** The homography taking each `from` corner to the matching `to` corner (8×8 linear solve). */
export function homography(from: readonly Point[], to: readonly Point[]): Homography {
  if (from.length !== 4 || to.length !== 4) throw new Error('a homography needs exactly 4 point pairs');
  const rows: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i] as Point;
    const { x: u, y: v } = to[i] as Point;
    rows.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    rows.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  const solution = solve(rows);
  return [...solution, 1];
}

export function project(h: Homography, x: number, y: number): Point {
  const w = (h[6] as number) * x + (h[7] as number) * y + (h[8] as number);
  return {
    x: ((h[0] as number) * x + (h[1] as number) * y + (h[2] as number)) / w,
    y: ((h[3] as number) * x + (h[4] as number) * y + (h[5] as number)) / w,
  };
}

/** Gauss–Jordan elimination with partial pivoting on an augmented n×(n+1) matrix. */
function solve(augmented: number[][]): number[] {
  const n = augmented.length;
  const m = augmented.map((row) => [...row]);
  const at = (r: number, c: number): number => (m[r] as number[])[c] as number;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(at(r, col)) > Math.abs(at(pivot, col))) pivot = r;
    if (Math.abs(at(pivot, col)) < 1e-12) throw new Error('degenerate quadrilateral');
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const pivotRow = m[col] as number[];
    const p = pivotRow[col] as number;
    for (let c = col; c <= n; c++) pivotRow[c] = (pivotRow[c] as number) / p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const row = m[r] as number[];
      const factor = row[col] as number;
      if (factor === 0) continue;
      for (let c = col; c <= n; c++) row[c] = (row[c] as number) - factor * (pivotRow[c] as number);
    }
  }
  return m.map((row) => row[n] as number);
}

export function gaussianBlur(raster: Raster, sigma: number): void {
  if (sigma <= 0) return;
  const radius = Math.ceil(sigma * 3);
  const kernel = new Float32Array(radius * 2 + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) {
    const w = Math.exp(-(i * i) / (2 * sigma * sigma));
    kernel[i + radius] = w;
    sum += w;
  }
  for (let i = 0; i < kernel.length; i++) kernel[i] = (kernel[i] as number) / sum;
  const { width, height } = raster;
  const scratch = new Float32Array(width * height);
  const line = new Float32Array(width + 2 * radius);
  for (const plane of channels(raster)) {
    // Horizontal pass into `scratch`, through a padded copy of each row (edges clamp).
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let i = -radius; i < width + radius; i++)
        line[i + radius] = plane[row + Math.min(width - 1, Math.max(0, i))] as number;
      for (let x = 0; x < width; x++) {
        let acc = 0;
        for (let k = 0; k < kernel.length; k++) acc += (kernel[k] as number) * (line[x + k] as number);
        scratch[row + x] = acc;
      }
    }
    // Vertical pass back into the plane, row by row so memory is read in order.
    for (let y = 0; y < height; y++) {
      const row = y * width;
      plane.fill(0, row, row + width);
      for (let k = -radius; k <= radius; k++) {
        const weight = kernel[k + radius] as number;
        const from = Math.min(height - 1, Math.max(0, y + k)) * width;
        for (let x = 0; x < width; x++)
          plane[row + x] = (plane[row + x] as number) + weight * (scratch[from + x] as number);
      }
    }
  }
}

const NOISE_TABLE_SIZE = 1 << 20;
let noiseTable: Float32Array | null = null;

/** Sensor noise. Read from one seeded table of normal deviates at a per-frame offset and stride:
 * hundreds of millions of fresh Box–Muller draws would dominate the frame set's generation time. */
export function addNoise(raster: Raster, rng: Rng, sigma: number): void {
  if (!noiseTable) {
    const tableRng = seededRng(0x5eed);
    noiseTable = new Float32Array(NOISE_TABLE_SIZE);
    for (let i = 0; i < NOISE_TABLE_SIZE; i++) noiseTable[i] = tableRng.gauss();
  }
  const table = noiseTable;
  const mask = NOISE_TABLE_SIZE - 1;
  for (const plane of channels(raster)) {
    let at = rng.int(0, mask);
    const stride = rng.int(0, 1023) * 2 + 1;
    for (let i = 0; i < plane.length; i++) {
      plane[i] = (plane[i] as number) + (table[at] as number) * sigma;
      at = (at + stride) & mask;
    }
  }
}

export function encodePng(raster: Raster): Buffer {
  const png = new PNG({ width: raster.width, height: raster.height });
  const { r, g, b } = raster;
  const byte = (v: number): number => Math.min(255, Math.max(0, Math.round(v)));
  for (let i = 0; i < r.length; i++) {
    png.data[i * 4] = byte(r[i] as number);
    png.data[i * 4 + 1] = byte(g[i] as number);
    png.data[i * 4 + 2] = byte(b[i] as number);
    png.data[i * 4 + 3] = 255;
  }
  // Fast settings: these are scratch files for the bench, not for keeping.
  return PNG.sync.write(png, { filterType: 0, deflateLevel: 1 });
}
