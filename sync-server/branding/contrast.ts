// Event brand colours are checked before the server accepts them: text on the brand colour must
// reach WCAG 2.1 AA for normal text (4.5:1), computed from relative luminance as WCAG defines it.

export const MIN_TEXT_CONTRAST = 4.5;

type Rgb = readonly [number, number, number];

/** "#0b4f8a" or "#08f" as 0–255 channels; null for anything else. */
export function parseHexColour(text: string): Rgb | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (!match?.[1]) return null;
  const hex = match[1].length === 3 ? [...match[1]].map((digit) => digit + digit).join('') : match[1];
  const channel = (at: number) => parseInt(hex.slice(at, at + 2), 16);
  return [channel(0), channel(2), channel(4)];
}

/** WCAG 2.1 relative luminance of an sRGB colour. */
export function relativeLuminance([red, green, blue]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/** (L1 + 0.05) / (L2 + 0.05), the lighter over the darker: 1 to 21. */
export function contrastRatio(one: Rgb, other: Rgb): number {
  const [light, dark] = [relativeLuminance(one), relativeLuminance(other)].sort((a, b) => b - a);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

export type BrandColourCheck =
  { ok: true; primary: string; onPrimary: string; ratio: number } | { ok: false; error: string };

/**
 * A brand's primary colour with the text colour for it (white or near-black, whichever contrasts
 * more; or the one given), refused with the ratio when text on it would be under 4.5:1.
 */
export function checkBrandColours(primary: string, onPrimary?: string): BrandColourCheck {
  const background = parseHexColour(primary);
  if (!background) return { ok: false, error: `not a colour: ${primary} (write it as #RRGGBB)` };
  if (onPrimary !== undefined && !parseHexColour(onPrimary)) {
    return { ok: false, error: `not a colour: ${onPrimary} (write it as #RRGGBB)` };
  }
  const candidates = onPrimary === undefined ? ['#ffffff', '#111418'] : [onPrimary];
  const scored = candidates.map((text) => {
    const rgb = parseHexColour(text);
    return { text, ratio: rgb ? contrastRatio(background, rgb) : 0 };
  });
  const best = scored.reduce((a, b) => (b.ratio > a.ratio ? b : a));
  if (best.ratio < MIN_TEXT_CONTRAST) {
    return {
      ok: false,
      error: `text on ${primary} has a contrast of ${best.ratio.toFixed(2)}:1; WCAG AA needs at least 4.5:1`,
    };
  }
  return { ok: true, primary: primary.toLowerCase(), onPrimary: best.text.toLowerCase(), ratio: best.ratio };
}
