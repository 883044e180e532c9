import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../shared/random/seeded-random';
import { blockMeans, MAX_SKIPPED, stillViewGate } from './still-view';

const WIDTH = 640;
const HEIGHT = 480;

/** The blocks of a 640×480 frame: a grey wall `base`, sensor noise of ±`noise`, `paint` drawn over it. */
function frame(
  seed: number,
  options: { base?: number; noise?: number; paint?: (x: number, y: number) => number | undefined },
) {
  const random = seededRandom(seed);
  const data = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      const shade = options.paint?.(x, y) ?? options.base ?? 150;
      const noisy = shade + Math.round((random() * 2 - 1) * (options.noise ?? 6));
      const i = (y * WIDTH + x) * 4;
      data.fill(noisy, i, i + 3);
      data[i + 3] = 255;
    }
  }
  return blockMeans({ data, width: WIDTH, height: HEIGHT });
}

const { modules } = QRCode.create('QT1:ABCDEFGHIJKLMNOP', { errorCorrectionLevel: 'M' });

/** The smallest code a door reads: 2 px modules (≈ 60 px wide) at (300, 200). */
function smallCode(x: number, y: number): number | undefined {
  const [mx, my] = [Math.floor((x - 300) / 2), Math.floor((y - 200) / 2)];
  if (mx < 0 || my < 0 || mx >= modules.size || my >= modules.size) return undefined;
  return modules.get(my, mx) ? 30 : 220;
}

describe('the still-view gate', () => {
  it('skips noisy frames of an unchanged view once one was read without a code', () => {
    const gate = stillViewGate();
    expect(gate.shouldRead(frame(1, {}))).toBe(true);
    gate.readGave(null);
    expect(gate.shouldRead(frame(2, {}))).toBe(false);
    expect(gate.shouldRead(frame(3, { noise: 12 }))).toBe(false);
  });

  it('reads again as soon as a small code comes into view', () => {
    const gate = stillViewGate();
    gate.shouldRead(frame(1, {}));
    gate.readGave(null);
    expect(gate.shouldRead(frame(2, { paint: smallCode }))).toBe(true);
  });

  it('reads again when the light changes, and once a second however still the view', () => {
    const gate = stillViewGate();
    gate.shouldRead(frame(1, {}));
    gate.readGave(null);
    expect(gate.shouldRead(frame(2, { base: 170 }))).toBe(true);
    gate.readGave(null);
    const reads = Array.from({ length: 3 * (MAX_SKIPPED + 1) }, (_, i) => {
      const read = gate.shouldRead(frame(10 + i, { base: 170 }));
      if (read) gate.readGave(null);
      return read;
    });
    expect(reads.filter(Boolean)).toHaveLength(3);
    expect(reads.slice(0, MAX_SKIPPED + 1)).toEqual([...Array<boolean>(MAX_SKIPPED).fill(false), true]);
  });

  it("never skips after a read that found a code: what a code in view means is the door's call", () => {
    const gate = stillViewGate();
    const withCode = frame(1, { paint: smallCode });
    gate.shouldRead(withCode);
    gate.readGave('QT1:ABCDEFGHIJKLMNOP');
    expect(gate.shouldRead(frame(2, { paint: smallCode }))).toBe(true);
  });

  it('keeps reading a still view while the decoder wants more frames of a code it could not read', () => {
    const gate = stillViewGate();
    gate.shouldRead(frame(1, { paint: smallCode }));
    gate.readGave(null, true);
    expect(gate.shouldRead(frame(2, { paint: smallCode }))).toBe(true);
    gate.readGave(null, false);
    expect(gate.shouldRead(frame(3, { paint: smallCode }))).toBe(false);
  });
});
