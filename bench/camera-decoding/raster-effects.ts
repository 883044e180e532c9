// What a cheap webcam adds after the lens: motion blur from a moving ticket, and the blocking and
// ringing of its MJPEG compression (simulated exactly as a JPEG codec quantises: YCbCr, 4:2:0
// chroma, 8×8 DCT with the standard tables scaled by quality), so no image codec is needed.
import { type Raster, channels } from './raster';

/** Averages each pixel over a straight streak `length` px long at `angle` radians (bilinear taps). */
export function motionBlur(raster: Raster, length: number, angle: number): void {
  const taps = Math.max(2, Math.ceil(length) + 1);
  const { width, height } = raster;
  const offsets = Array.from({ length: taps }, (_, k) => {
    const t = (k / (taps - 1) - 0.5) * length;
    return { dx: t * Math.cos(angle), dy: t * Math.sin(angle) };
  });
  const copy = new Float32Array(width * height);
  for (const plane of channels(raster)) {
    copy.set(plane);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (const { dx, dy } of offsets) sum += bilinear(copy, width, height, x + dx, y + dy);
        plane[y * width + x] = sum / taps;
      }
    }
  }
}

function bilinear(plane: Float32Array, width: number, height: number, x: number, y: number): number {
  const cx = Math.min(width - 1, Math.max(0, x));
  const cy = Math.min(height - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const x1 = Math.min(width - 1, x0 + 1);
  const y1 = Math.min(height - 1, y0 + 1);
  const fx = cx - x0;
  const fy = cy - y0;
  const top = (plane[y0 * width + x0] as number) * (1 - fx) + (plane[y0 * width + x1] as number) * fx;
  const bottom = (plane[y1 * width + x0] as number) * (1 - fx) + (plane[y1 * width + x1] as number) * fx;
  return top * (1 - fy) + bottom * fy;
}

// ITU-T T.81 Annex K tables.
const LUMA_TABLE = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22,
  29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103,
  121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];
const CHROMA_TABLE = [
  17,
  18,
  24,
  47,
  99,
  99,
  99,
  99,
  18,
  21,
  26,
  66,
  99,
  99,
  99,
  99,
  24,
  26,
  56,
  99,
  99,
  99,
  99,
  99,
  47,
  66,
  99,
  99,
  99,
  99,
  99,
  99,
  ...Array<number>(32).fill(99),
];

/** libjpeg's quality scaling of a base table. */
function scaledTable(base: number[], quality: number): Float32Array {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const factor = q < 50 ? 5000 / q : 200 - 2 * q;
  return Float32Array.from(base, (v) => Math.min(255, Math.max(1, Math.floor((v * factor + 50) / 100))));
}

const COSINES = Float32Array.from({ length: 64 }, (_, i) => {
  const [x, u] = [i >> 3, i & 7];
  return (u === 0 ? Math.SQRT1_2 : 1) * Math.cos(((2 * x + 1) * u * Math.PI) / 16) * 0.5;
});

/** Forward DCT, quantisation and inverse DCT of one 8×8 block, in place. */
function quantiseBlock(block: Float32Array, table: Float32Array, scratch: Float32Array): void {
  // Separable: rows then columns, forward into `scratch`, then back.
  for (let pass = 0; pass < 2; pass++) {
    const [from, to] = pass === 0 ? [block, scratch] : [scratch, block];
    for (let r = 0; r < 8; r++) {
      for (let u = 0; u < 8; u++) {
        let sum = 0;
        for (let x = 0; x < 8; x++) sum += (from[r * 8 + x] as number) * (COSINES[x * 8 + u] as number);
        to[u * 8 + r] = sum; // transposed, so the second pass works on columns
      }
    }
  }
  for (let i = 0; i < 64; i++)
    block[i] = Math.round((block[i] as number) / (table[i] as number)) * (table[i] as number);
  for (let pass = 0; pass < 2; pass++) {
    const [from, to] = pass === 0 ? [block, scratch] : [scratch, block];
    for (let r = 0; r < 8; r++) {
      for (let x = 0; x < 8; x++) {
        let sum = 0;
        for (let u = 0; u < 8; u++) sum += (from[r * 8 + u] as number) * (COSINES[x * 8 + u] as number);
        to[x * 8 + r] = sum;
      }
    }
  }
}

/** Quantises a plane of `width`×`height` (multiples of 8) block by block. */
function quantisePlane(plane: Float32Array, width: number, height: number, table: Float32Array): void {
  const block = new Float32Array(64);
  const scratch = new Float32Array(64);
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let i = 0; i < 64; i++) block[i] = (plane[(by + (i >> 3)) * width + bx + (i & 7)] as number) - 128;
      quantiseBlock(block, table, scratch);
      for (let i = 0; i < 64; i++) plane[(by + (i >> 3)) * width + bx + (i & 7)] = (block[i] as number) + 128;
    }
  }
}

/** Round-trips the raster through JPEG's lossy steps at `quality`. Sides must be multiples of 16. */
export function jpegArtifacts(raster: Raster, quality: number): void {
  const { width, height, r, g, b } = raster;
  if (width % 16 !== 0 || height % 16 !== 0)
    throw new Error('JPEG simulation needs sides in multiples of 16');
  const [cw, ch] = [width / 2, height / 2];
  const luma = new Float32Array(width * height);
  const cb = new Float32Array(cw * ch);
  const cr = new Float32Array(cw * ch);
  for (let i = 0; i < luma.length; i++) {
    const [R, G, B] = [r[i] as number, g[i] as number, b[i] as number];
    luma[i] = 0.299 * R + 0.587 * G + 0.114 * B;
    const c = ((i / width) >> 1) * cw + ((i % width) >> 1);
    // 4:2:0: each chroma sample is the mean of a 2×2 block.
    cb[c] = (cb[c] as number) + 0.25 * (128 - 0.168736 * R - 0.331264 * G + 0.5 * B);
    cr[c] = (cr[c] as number) + 0.25 * (128 + 0.5 * R - 0.418688 * G - 0.081312 * B);
  }
  quantisePlane(luma, width, height, scaledTable(LUMA_TABLE, quality));
  const chroma = scaledTable(CHROMA_TABLE, quality);
  quantisePlane(cb, cw, ch, chroma);
  quantisePlane(cr, cw, ch, chroma);
  for (let i = 0; i < luma.length; i++) {
    const c = ((i / width) >> 1) * cw + ((i % width) >> 1);
    const [y, u, v] = [luma[i] as number, (cb[c] as number) - 128, (cr[c] as number) - 128];
    r[i] = y + 1.402 * v;
    g[i] = y - 0.344136 * u - 0.714136 * v;
    b[i] = y + 1.772 * u;
  }
}
