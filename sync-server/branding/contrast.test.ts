import { describe, expect, it } from 'vitest';
import { checkBrandColours, contrastRatio, parseHexColour, relativeLuminance } from './contrast';

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

describe('checkBrandColours', () => {
  it('accepts a dark brand colour with white text on it', () => {
    const check = checkBrandColours('#0B4F8A');
    expect(check).toMatchObject({ ok: true, primary: '#0b4f8a', onPrimary: '#ffffff' });
  });

  it('picks dark text for a light brand colour', () => {
    expect(checkBrandColours('#ffd23f')).toMatchObject({ ok: true, onPrimary: '#111418' });
  });

  it('refuses a colour no text reaches 4.5:1 on, with the exact error', () => {
    expect(checkBrandColours('#ff69b4', '#ffffff')).toEqual({
      ok: false,
      error: 'text on #ff69b4 has a contrast of 2.65:1; WCAG AA needs at least 4.5:1',
    });
    // A mid grey: white reaches 4.48:1 and dark text less, so neither will do.
    expect(checkBrandColours('#777777')).toEqual({
      ok: false,
      error: 'text on #777777 has a contrast of 4.48:1; WCAG AA needs at least 4.5:1',
    });
  });

  it('refuses what is not a colour', () => {
    expect(checkBrandColours('rosa mexicano')).toEqual({
      ok: false,
      error: 'not a colour: rosa mexicano (write it as #RRGGBB)',
    });
  });
});
