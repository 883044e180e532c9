// Dim light: a small code under so much sensor noise that no single frame shows it well enough to
// read, even sharpened. The noise changes every frame and the held code does not, so while frames
// that may hold a code stay where they were, their mean is read too: n frames cut the noise by √n.
import { changed } from './still-view';

/** Frames averaged at most: noise ÷ 2, and a code held still for 0.4 s at the door's 10 a second. */
export const STEADY_FRAMES = 4;

export type SteadyMean = {
  /**
   * Adds a frame that may hold a code ZXing could not read; returns the grey mean of it and the
   * frames added before it while the view stood still, or null when it is the first such frame.
   */
  add(image: ImageData): ImageData | null;
  /** Whether another frame would help: fewer than STEADY_FRAMES steady ones so far. */
  wantsMore(): boolean;
  /** Forgets the frames: a code was read, or the view holds none. */
  reset(): void;
};

/** Side of the blocks compared to tell a still view: every pixel of them, so noise averages out. */
const BLOCK = 32;

/** The frame's grey, and its mean per BLOCK×BLOCK block. */
function lumaOf(image: ImageData): { luma: Uint8ClampedArray; blocks: Float32Array } {
  const { width, height, data } = image;
  const luma = new Uint8ClampedArray(width * height);
  const cols = Math.ceil(width / BLOCK);
  const blocks = new Float32Array(cols * Math.ceil(height / BLOCK));
  for (let y = 0, i = 0; y < height; y++) {
    const row = Math.floor(y / BLOCK) * cols;
    for (let x = 0; x < width; x++, i++) {
      const j = i * 4;
      const v =
        0.299 * (data[j] as number) + 0.587 * (data[j + 1] as number) + 0.114 * (data[j + 2] as number);
      luma[i] = v;
      const block = row + Math.floor(x / BLOCK);
      blocks[block] = (blocks[block] as number) + v / (BLOCK * BLOCK);
    }
  }
  return { luma, blocks };
}

export function steadyMean(): SteadyMean {
  let lumas: Uint8ClampedArray[] = [];
  let last: { blocks: Float32Array; width: number; height: number } | null = null;
  return {
    add(image) {
      const { width, height } = image;
      const { luma, blocks } = lumaOf(image);
      // Moved, or another camera size: averaging would smear the code.
      if (!last || last.width !== width || last.height !== height || changed(blocks, last.blocks)) lumas = [];
      last = { blocks, width, height };
      lumas = [...lumas.slice(1 - STEADY_FRAMES), luma];
      if (lumas.length < 2) return null;
      const sum = new Uint16Array(luma.length);
      for (const frame of lumas)
        for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (frame[i] as number);
      const mean = new ImageData(width, height);
      // One 32-bit write per grey pixel (opaque alpha): byte order is little-endian on every kiosk CPU.
      const pixels = new Uint32Array(mean.data.buffer);
      for (let i = 0; i < sum.length; i++) {
        const v = Math.round((sum[i] as number) / lumas.length);
        pixels[i] = 0xff000000 | (v << 16) | (v << 8) | v;
      }
      return mean;
    },
    wantsMore: () => lumas.length < STEADY_FRAMES,
    reset() {
      lumas = [];
      last = null;
    },
  };
}
