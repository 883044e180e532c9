import { describe, expect, it } from 'vitest';
import { contrastRatio, parseHexColour, relativeLuminance } from './contrast';

const rgb = (hex: string) => {
  const parsed = parseHexColour(hex);
  if (!parsed) throw new Error(hex);
  return parsed;
};

describe('WCAG 2.1 contrast', () => {
  it('has the luminance of black and white at the ends', () => {
    expect(relativeLuminance(rgb('#000'))).toBe(0);
    expect(relativeLuminance(rgb('#ffffff'))).toBeCloseTo(1, 10);
  });

  it('gives 21:1 for black on white and the ratios WCAG examples give', () => {
    expect(contrastRatio(rgb('#000000'), rgb('#ffffff'))).toBeCloseTo(21, 5);
    // #767676 on white is the classic lightest grey that passes AA: 4.54:1.
    expect(contrastRatio(rgb('#767676'), rgb('#ffffff'))).toBeCloseTo(4.54, 2);
    expect(contrastRatio(rgb('#777777'), rgb('#ffffff'))).toBeLessThan(4.5);
  });

  it('reads #rgb and #rrggbb only', () => {
    expect(parseHexColour('#0B4F8A')).toEqual([11, 79, 138]);
    expect(parseHexColour('#08f')).toEqual([0, 136, 255]);
    expect(parseHexColour('blue')).toBeNull();
    expect(parseHexColour('#12345')).toBeNull();
  });
});
