import { describe, expect, it } from 'vitest';
import { median, percentile } from './bench-result';

describe('percentiles', () => {
  it('uses the nearest-rank method', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(median(samples)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 10)).toBe(1);
    expect(median([42])).toBe(42);
  });
  it('refuses an empty sample', () => {
    expect(() => median([])).toThrow('no samples');
  });
});
