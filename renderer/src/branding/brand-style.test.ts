import { describe, expect, it } from 'vitest';
import { contrastProblem, DEFAULT_BRAND_COLOURS } from '../../../shared/sync/branding';
import { contrastRatio, parseHexColour } from '../../../shared/sync/contrast';
import { brandProperties } from './brand-style';

const ratio = (a: string, b: string) => {
  const [x, y] = [parseHexColour(a), parseHexColour(b)];
  if (x === null || y === null) throw new Error(`${a} ${b}`);
  return contrastRatio(x, y);
};

describe('brandProperties', () => {
  it('maps the colours onto the properties the styles read, with a darker pressed primary', () => {
    const colours = { ...DEFAULT_BRAND_COLOURS, background: '#4a0e4e', primary: '#7a1f5c' };
    expect(contrastProblem(colours)).toBeNull();
    const properties = brandProperties(colours);
    expect(properties).toEqual({
      '--attract': '#4a0e4e',
      '--brand-text': '#ffffff',
      '--brand-accent': '#ffffff',
      '--brand-on-accent': '#0b3a63',
      '--primary': '#7a1f5c',
      '--primary-dark': '#62194a',
    });
    // White labels on a pressed button read at least as well as on the checked primary.
    expect(ratio('#ffffff', properties?.['--primary-dark'] ?? '')).toBeGreaterThan(
      ratio('#ffffff', '#7a1f5c'),
    );
  });

  it('applies nothing when a value is not a plain colour', () => {
    expect(brandProperties({ ...DEFAULT_BRAND_COLOURS, text: 'red; background: url(x)' })).toBeNull();
  });
});
