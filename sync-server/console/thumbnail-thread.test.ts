import { decode, encode } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { makeThumbnail, ThumbnailError } from './photo-thumbnail';
import { thumbnailOf } from './thumbnail-thread';

/** A 2048 × 1536 photo-sized JPEG: a gradient, so the thumbnail's pixels can be compared. */
function bigJpeg(): Buffer {
  const width = 2048;
  const height = 1536;
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = (i % width) >> 3;
    data[i * 4 + 1] = Math.floor(i / width) >> 3;
    data[i * 4 + 2] = 128;
    data[i * 4 + 3] = 255;
  }
  return encode({ width, height, data }, 85).data;
}

describe('thumbnails on a worker thread', () => {
  it('answers the same thumbnail as this thread would, while this thread stays free', async () => {
    const photo = bigJpeg();
    let turns = 0;
    const tick = (): void => {
      turns += 1;
      if (pending) setImmediate(tick);
    };
    let pending = true;
    setImmediate(tick);
    const thumbnail = await thumbnailOf(photo, 256).finally(() => (pending = false));
    // Made here, the decode would hold the event loop: not one turn would pass before the answer.
    expect(turns).toBeGreaterThan(1);
    expect(thumbnail.equals(makeThumbnail(photo, 256))).toBe(true);
    const { width, height } = decode(thumbnail);
    expect([width, height]).toEqual([256, 192]);
  });

  it('rejects a photo that will not decode with ThumbnailError, and keeps working after it', async () => {
    const broken = Buffer.concat([bigJpeg().subarray(0, 2000), Buffer.from([0xff, 0xd9])]);
    const refusal = await thumbnailOf(broken, 256).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(ThumbnailError);
    // The same reason this thread's decoder gives.
    expect(() => makeThumbnail(broken, 256)).toThrow((refusal as Error).message);
    const { width } = decode(await thumbnailOf(bigJpeg(), 128));
    expect(width).toBe(128);
  });
});
