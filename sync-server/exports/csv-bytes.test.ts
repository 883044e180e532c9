import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../shared/random/seeded-random';
import { csvLine } from './cell-text';
import { CsvBytes } from './csv-bytes';
import type { Cell } from './table-rows';

/** Texts that take every path: plain, number-like, guarded, quoted, not ASCII, empty. */
const TEXTS = [
  'si',
  '',
  '04510',
  '1e5',
  '-5',
  '+52 771',
  '=SUMA(1,2)',
  "'=1",
  '@x',
  'e',
  '2026-11-19T15:00:00.466Z',
  'Muy "rico", todo 😋\nVolveré',
  'a;b',
  'tab\there',
  'ñandú',
  '😋',
  '1.5.5',
  '.5',
  'Ω=1',
];
const NUMBERS = [
  0,
  -0,
  1,
  7,
  9,
  10,
  99,
  100,
  12345,
  329,
  999_999_999_999_999,
  1e15,
  -1,
  -42,
  850.5,
  1644.3799999999999,
  1e21,
  0.1 + 0.2,
  -0.5,
];

describe('CSV lines as bytes', () => {
  it('gives the bytes of the same lines as text, page after page, reusing buffers', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const bytes = new CsvBytes(64);
    let spare: ArrayBuffer | undefined;
    for (let page = 0; page < 20; page++) {
      if (spare !== undefined) bytes.reuse(spare);
      let text = '';
      for (let line = 0; line < 1 + page * 3; line++) {
        const cells: Cell[] = Array.from({ length: 1 + Math.floor(random() * 12) }, () => {
          const kind = random();
          return kind < 0.15 ? null : kind < 0.4 ? pick(NUMBERS) : pick(TEXTS);
        });
        bytes.line(cells);
        text += csvLine(cells, 'keep');
      }
      const taken = bytes.take();
      expect(taken.toString('utf8')).toBe(text);
      // Handed back only after it was read, as the output does.
      spare = taken.buffer as ArrayBuffer;
    }
  });
});
