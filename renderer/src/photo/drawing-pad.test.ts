import { describe, expect, test } from 'vitest';
import { lineWidth, padPoint, padSize } from './drawing-pad';

describe('drawing pad', () => {
  test('each appearance has its pad size; annotate keeps the image shape, never over 1600 px', () => {
    expect(padSize('signature')).toEqual({ width: 1200, height: 480 });
    expect(padSize('draw')).toEqual({ width: 1200, height: 900 });
    expect(padSize('annotate', { width: 4000, height: 3000 })).toEqual({ width: 1600, height: 1200 });
    expect(padSize('annotate', { width: 300, height: 600 })).toEqual({ width: 300, height: 600 });
    expect(padSize('annotate')).toEqual({ width: 1200, height: 900 });
  });

  test('a pointer on the scaled canvas lands on canvas pixels, kept inside the pad', () => {
    const box = { left: 100, top: 50, width: 600, height: 240 };
    const canvas = { width: 1200, height: 480 };
    expect(padPoint(400, 170, box, canvas)).toEqual({ x: 600, y: 240 });
    expect(padPoint(100, 50, box, canvas)).toEqual({ x: 0, y: 0 });
    expect(padPoint(900, 10, box, canvas)).toEqual({ x: 1200, y: 0 });
    expect(padPoint(5, 5, { left: 0, top: 0, width: 0, height: 0 }, canvas)).toEqual({ x: 0, y: 0 });
  });

  test('a pen presses a thicker line; mouse and finger draw the base width', () => {
    const canvas = { width: 1200, height: 480 };
    expect(lineWidth(canvas, 'mouse', 0.5)).toBe(4);
    expect(lineWidth(canvas, 'touch', 0.5)).toBe(4);
    expect(lineWidth(canvas, 'pen', 1)).toBe(6);
    expect(lineWidth(canvas, 'pen', 0.1)).toBeCloseTo(2.4);
    expect(lineWidth(canvas, 'pen', 0)).toBe(4);
    expect(lineWidth({ width: 300, height: 200 }, 'mouse', 0.5)).toBe(2);
  });
});
