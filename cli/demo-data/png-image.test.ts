// The demo's PNG encoder against a real decoder (pngjs): every pixel as drawn.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png-image';

describe('encodePng', () => {
  it('writes a PNG that a decoder reads back pixel for pixel', () => {
    const pixel = (x: number, y: number) => [x * 40, y * 60, (x * y) % 256] as const;
    const png = PNG.sync.read(encodePng(5, 4, pixel));
    expect([png.width, png.height]).toEqual([5, 4]);
    for (let y = 0; y < 4; y++) {
      for (let x = 0; x < 5; x++) {
        const at = (y * 5 + x) * 4;
        expect([...png.data.subarray(at, at + 4)]).toEqual([...pixel(x, y), 255]);
      }
    }
  });
});
