// The second and third looks at a frame ZXing could not read: grey, with an unsharp mask. It
// restores the module edges of a defocused code (a ticket held too close to a fixed-focus webcam),
// which ZXing's binarizers cannot do by themselves. The third look first divides each pixel by its
// neighbourhood's mean (local contrast normalisation): a hard shadow across a finder pattern breaks
// its 1:1:3:1:1 runs for any threshold, and this evens the light out. Most frames at a door show no
// code and get these looks too, so the blurs are running-sum box blurs (constant cost per pixel).

const SIGMA = 2;
const AMOUNT = 3;
const PASSES = 3;

/** Box widths whose successive application approximates a gaussian of `sigma` (Kovesi's method). */
function boxWidths(sigma: number, passes: number): number[] {
  const ideal = Math.sqrt((12 * sigma * sigma) / passes + 1);
  const lower = Math.floor(ideal) % 2 === 0 ? Math.floor(ideal) - 1 : Math.floor(ideal);
  const upper = lower + 2;
  const lowerCount = Math.round(
    (12 * sigma * sigma - passes * lower * lower - 4 * passes * lower - 3 * passes) / (-4 * lower - 4),
  );
  return Array.from({ length: passes }, (_, i) => (i < lowerCount ? lower : upper));
}

const RADII = boxWidths(SIGMA, PASSES).map((width) => (width - 1) / 2);
/** The neighbourhood light is measured over: wider than a module, narrower than a shadow's reach. */
const LIGHT_RADIUS = 12;
/** Keeps near-black neighbourhoods from being stretched into noise. */
const LIGHT_FLOOR = 8;

/** Box blur of each row (running sum; edges clamp), `src` → `dst`. */
function boxBlurRows(
  src: Float32Array,
  dst: Float32Array,
  radius: number,
  width: number,
  height: number,
): void {
  const scale = 1 / (2 * radius + 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let i = -radius; i <= radius; i++) sum += src[row + Math.min(width - 1, Math.max(0, i))] as number;
    for (let x = 0; x < width; x++) {
      dst[row + x] = sum * scale;
      sum +=
        (src[row + Math.min(width - 1, x + radius + 1)] as number) -
        (src[row + Math.max(0, x - radius)] as number);
    }
  }
}

/** Box blur of each column, `src` → `dst`, walking rows so memory is read in order. */
function boxBlurColumns(
  src: Float32Array,
  dst: Float32Array,
  radius: number,
  width: number,
  height: number,
): void {
  const scale = 1 / (2 * radius + 1);
  const sums = new Float32Array(width);
  for (let i = -radius; i <= radius; i++) {
    const row = Math.min(height - 1, Math.max(0, i)) * width;
    for (let x = 0; x < width; x++) sums[x] = (sums[x] as number) + (src[row + x] as number);
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const entering = Math.min(height - 1, y + radius + 1) * width;
    const leaving = Math.max(0, y - radius) * width;
    for (let x = 0; x < width; x++) {
      const sum = sums[x] as number;
      dst[row + x] = sum * scale;
      sums[x] = sum + (src[entering + x] as number) - (src[leaving + x] as number);
    }
  }
}

/** Each pixel divided by its neighbourhood's mean brightness, scaled back to mid-grey. */
function evenLight(luma: Float32Array, width: number, height: number, scratch: Float32Array): void {
  const mean = new Float32Array(luma.length);
  boxBlurRows(luma, scratch, LIGHT_RADIUS, width, height);
  boxBlurColumns(scratch, mean, LIGHT_RADIUS, width, height);
  for (let i = 0; i < luma.length; i++)
    luma[i] = (128 * (luma[i] as number)) / ((mean[i] as number) + LIGHT_FLOOR);
}

export function sharpenedLuma(image: ImageData, options: { evenLight?: boolean } = {}): ImageData {
  const { width, height, data } = image;
  const luma = new Float32Array(width * height);
  for (let i = 0, j = 0; i < luma.length; i++, j += 4) {
    luma[i] = 0.299 * (data[j] as number) + 0.587 * (data[j + 1] as number) + 0.114 * (data[j + 2] as number);
  }
  const scratch = new Float32Array(luma.length);
  if (options.evenLight) evenLight(luma, width, height, scratch);
  const blurred = Float32Array.from(luma);
  for (const radius of RADII) {
    boxBlurRows(blurred, scratch, radius, width, height);
    boxBlurColumns(scratch, blurred, radius, width, height);
  }
  const out = new ImageData(width, height);
  // One 32-bit write per grey pixel (opaque alpha): byte order is little-endian on every kiosk CPU.
  const pixels = new Uint32Array(out.data.buffer);
  for (let i = 0; i < luma.length; i++) {
    const sharp = (luma[i] as number) + AMOUNT * ((luma[i] as number) - (blurred[i] as number));
    const v = sharp <= 0 ? 0 : sharp >= 255 ? 255 : Math.round(sharp);
    pixels[i] = 0xff000000 | (v << 16) | (v << 8) | v;
  }
  return out;
}
