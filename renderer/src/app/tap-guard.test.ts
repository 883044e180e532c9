import { describe, expect, it } from 'vitest';
import { isEarlyTap, SETTLE_MS } from './tap-guard';

describe('isEarlyTap', () => {
  it('swallows a tap whose finger went down before the control appeared', () => {
    expect(isEarlyTap(1_000, 1_050, 0)).toBe(true);
  });

  it('swallows the second half of a double tap that comes just after a step', () => {
    expect(isEarlyTap(1_100, 0, 1_000)).toBe(true);
    expect(isEarlyTap(1_000 + SETTLE_MS - 1, 0, 1_000)).toBe(true);
  });

  it('lets through a tap on a control that was there, once the step has settled', () => {
    expect(isEarlyTap(1_000 + SETTLE_MS, 500, 1_000)).toBe(false);
    expect(isEarlyTap(5_000, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY)).toBe(false);
  });
});
