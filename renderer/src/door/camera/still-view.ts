// An idle door camera sees the same wall, counter or floor frame after frame, and every one of
// those frames costs a full ZXing read (≈ 15 ms of a core at 640×480). A frame that looks like the
// last one read without a code cannot hold a code that one lacked, so it is skipped — unless a
// second has gone by since the last read (autofocus settling or light changing slowly can turn an
// unreadable code readable without any region changing much).

/** Side, in camera pixels, of the blocks whose mean brightness is compared. */
export const BLOCK = 16;
/**
 * Mean-brightness change (0–255) of any one block that counts as something new in view. Sensor
 * noise averages out over a block's 256 pixels (σ ≈ 3 becomes ≈ 0.2); a code coming into view
 * changes the blocks it covers by tens.
 */
const CHANGE = 6;
/** Frames skipped in a row at most: at the door's 10 frames a second, one read every second. */
export const MAX_SKIPPED = 9;

type Pixels = Pick<ImageData, 'data' | 'width' | 'height'>;

/**
 * The frame as one brightness per BLOCK×BLOCK block, from its pixels: the mean green (luma enough
 * here) of every fourth pixel. The worker gets the same from the GPU-free canvas by drawing a
 * camera frame BLOCK times smaller (thumbnailOf), without reading the whole frame's pixels.
 */
export function blockMeans(image: Pixels): Float32Array {
  const cols = Math.floor(image.width / BLOCK);
  const rows = Math.floor(image.height / BLOCK);
  const means = new Float32Array(cols * rows);
  const { data, width } = image;
  const samples = (BLOCK / 2) * (BLOCK / 2);
  for (let by = 0; by < rows; by++) {
    for (let bx = 0; bx < cols; bx++) {
      let sum = 0;
      for (let y = by * BLOCK; y < (by + 1) * BLOCK; y += 2) {
        for (let x = bx * BLOCK; x < (bx + 1) * BLOCK; x += 2) sum += data[(y * width + x) * 4 + 1] as number;
      }
      means[by * cols + bx] = sum / samples;
    }
  }
  return means;
}

/** Whether any block's brightness moved by more than CHANGE between two frames' blockMeans. */
export function changed(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return true;
  for (let i = 0; i < a.length; i++) if (Math.abs((a[i] as number) - (b[i] as number)) > CHANGE) return true;
  return false;
}

/** The green of each pixel of a frame drawn BLOCK times smaller. */
export function thumbnailOf(small: Pixels): Float32Array {
  const means = new Float32Array(small.width * small.height);
  for (let i = 0; i < means.length; i++) means[i] = small.data[i * 4 + 1] as number;
  return means;
}

export type StillViewGate = {
  /** Whether a frame needs a read: something changed since the last read, or it is time anyway. */
  shouldRead(blocks: Float32Array): boolean;
  /**
   * What the read gave: only a frame read without a code lets the next like it be skipped, and not
   * while `mayHoldCode` (the decoder wants more frames of a code it could not read yet).
   */
  readGave(text: string | null, mayHoldCode?: boolean): void;
};

export function stillViewGate(): StillViewGate {
  let lastRead: Float32Array | null = null;
  let current: Float32Array | null = null;
  let skipped = 0;
  return {
    shouldRead(blocks) {
      current = blocks;
      if (lastRead !== null && skipped < MAX_SKIPPED && !changed(current, lastRead)) {
        skipped++;
        return false;
      }
      skipped = 0;
      return true;
    },
    readGave(text, mayHoldCode = false) {
      // A code read stays worth reading: the door's repeat guard decides what a code in view means.
      lastRead = text === null && !mayHoldCode ? current : null;
    },
  };
}
