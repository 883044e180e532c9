// The mean of still frames that may hold a code: noise falls, a view that moved starts afresh.
import { describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../../../shared/random/seeded-random';
import { STEADY_FRAMES, steadyMean } from './steady-mean';
import { NodeImageData } from './testing/node-image-data';

const WIDTH = 64;
const HEIGHT = 64;

if (typeof ImageData === 'undefined') vi.stubGlobal('ImageData', NodeImageData);

/** Left half dark, right half light (moved `shift` px right), with sensor noise of ±`noise`. */
function frame(seed: number, noise: number, shift = 0): ImageData {
  const random = seededRandom(seed);
  const image = new ImageData(WIDTH, HEIGHT);
  for (let i = 0; i < WIDTH * HEIGHT; i++) {
    const shade = (i % WIDTH) - shift < WIDTH / 2 ? 40 : 200;
    image.data.fill(shade + Math.round((random() * 2 - 1) * noise), i * 4, i * 4 + 3);
    image.data[i * 4 + 3] = 255;
  }
  return image;
}

/** Mean distance of a grey image's pixels from the noiseless frame. */
function noiseOf(image: ImageData): number {
  let sum = 0;
  for (let i = 0; i < WIDTH * HEIGHT; i++)
    sum += Math.abs((image.data[i * 4] as number) - (i % WIDTH < WIDTH / 2 ? 40 : 200));
  return sum / (WIDTH * HEIGHT);
}

describe('the mean of a still view', () => {
  it('averages up to STEADY_FRAMES noisy frames of a view that stands still', () => {
    const steady = steadyMean();
    expect(steady.add(frame(1, 30))).toBeNull();
    const means = Array.from({ length: STEADY_FRAMES }, (_, i) => steady.add(frame(2 + i, 30)));
    const noise = means.map((mean) => (mean ? noiseOf(mean) : Infinity));
    expect(noise[0]).toBeLessThan(noiseOf(frame(1, 30)));
    expect(noise[STEADY_FRAMES - 2]).toBeLessThan(0.6 * noiseOf(frame(1, 30)));
    expect(steady.wantsMore()).toBe(false);
  });

  it('starts afresh when the view moves, and after a reset', () => {
    const steady = steadyMean();
    steady.add(frame(1, 10));
    expect(steady.add(frame(2, 10))).not.toBeNull();
    expect(steady.add(frame(3, 10, 8))).toBeNull();
    expect(steady.wantsMore()).toBe(true);
    steady.reset();
    expect(steady.add(frame(4, 10, 8))).toBeNull();
  });
});
