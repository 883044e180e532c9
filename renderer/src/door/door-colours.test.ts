// WCAG 2.1 contrast of the door's colours, read from kiosk.css itself so a changed colour is checked.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('../styles/kiosk.css', import.meta.url), 'utf8');

function colour(name: string): string {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})\\b`, 'i').exec(css);
  if (!match?.[1]) throw new Error(`kiosk.css has no --${name} as #rrggbb`);
  return match[1];
}

/** Relative luminance, WCAG 2.1. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('door colours', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBe(21);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('give every verdict text AA contrast for normal text (4.5:1) on its background', () => {
    const pairs: [string, string][] = [
      ['verdict-valid-text', 'verdict-valid-bg'],
      ['verdict-refused-text', 'verdict-refused-bg'],
      ['verdict-info-text', 'verdict-info-bg'],
      ['verdict-attention-text', 'verdict-attention-bg'],
      ['verdict-attention-mark', 'verdict-attention-bg'],
      // "Siguiente": dark on white, whatever the verdict.
      ['text', 'bg'],
    ];
    const ratios = Object.fromEntries(
      pairs.map(([text, bg]) => [
        `${text} on ${bg}`,
        Math.round(contrast(colour(text), colour(bg)) * 100) / 100,
      ]),
    );
    expect(ratios).toEqual({
      'verdict-valid-text on verdict-valid-bg': 7.1,
      'verdict-refused-text on verdict-refused-bg': 7.75,
      'verdict-info-text on verdict-info-bg': 12.79,
      'verdict-attention-text on verdict-attention-bg': 18.47,
      'verdict-attention-mark on verdict-attention-bg': 12.79,
      'text on bg': 18.47,
    });
    for (const ratio of Object.values(ratios)) expect(ratio).toBeGreaterThanOrEqual(4.5);
  });

  it('keeps the occupancy meter fill at 3:1 against its track, nearly full or not', () => {
    expect(contrast(colour('primary'), colour('meter-track'))).toBeGreaterThanOrEqual(3);
    expect(contrast(colour('warning'), colour('meter-track'))).toBeGreaterThanOrEqual(3);
  });

  it('keeps the white "Siguiente" button apart from every verdict background but amber, which gets a dark edge', () => {
    for (const tone of ['valid', 'refused', 'attention']) {
      expect(contrast('#ffffff', colour(`verdict-${tone}-bg`)), tone).toBeGreaterThanOrEqual(3);
    }
    expect(contrast(colour('text'), colour('verdict-info-bg'))).toBeGreaterThanOrEqual(3);
  });
});
