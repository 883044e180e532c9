// Seeded randomness, so the frame set is the same on every machine and every run.
import { seededRandom } from '../../shared/random/seeded-random';

export type Rng = {
  next(): number;
  range(min: number, max: number): number;
  int(min: number, maxInclusive: number): number;
  sign(): 1 | -1;
  gauss(): number;
  pick<T>(items: readonly T[]): T;
};

/** mulberry32 (shared/random) with the helpers the frame generator uses. */
export function seededRng(seed: number): Rng {
  const next = seededRandom(seed);
  let spare: number | null = null;
  return {
    next,
    range: (min, max) => min + (max - min) * next(),
    int: (min, maxInclusive) => min + Math.floor(next() * (maxInclusive - min + 1)),
    sign: () => (next() < 0.5 ? -1 : 1),
    gauss: () => {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      // Box–Muller; 1 - next() keeps the logarithm finite.
      const radius = Math.sqrt(-2 * Math.log(1 - next()));
      const angle = 2 * Math.PI * next();
      spare = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
  };
}
