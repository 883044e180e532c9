// The event's colours as the CSS custom properties the kiosk's styles read. The core sends only
// colours that passed the contrast checks; each is checked again here to be a plain #rrggbb, so
// nothing but a colour can ever reach a style.
import type { BrandColours } from '../../../shared/sync/branding';

const HEX = /^#[0-9a-f]{6}$/;

/** Every property branding may set; removing them all gives the kiosk's own look back. */
export const BRAND_PROPERTIES = [
  '--attract',
  '--brand-text',
  '--brand-accent',
  '--brand-on-accent',
  '--primary',
  '--primary-dark',
] as const;

type BrandProperty = (typeof BRAND_PROPERTIES)[number];

/** Null when any colour is not #rrggbb (then none is applied). */
export function brandProperties(colours: BrandColours): Record<BrandProperty, string> | null {
  if (!Object.values(colours).every((colour) => HEX.test(colour))) return null;
  return {
    '--attract': colours.background,
    '--brand-text': colours.text,
    '--brand-accent': colours.accent,
    '--brand-on-accent': colours.onAccent,
    '--primary': colours.primary,
    // Pressed buttons: darker still, so white labels keep at least the contrast checked for primary.
    '--primary-dark': darker(colours.primary),
  };
}

function darker(hex: string): string {
  const channel = (at: number) =>
    Math.round(parseInt(hex.slice(at, at + 2), 16) * 0.8)
      .toString(16)
      .padStart(2, '0');
  return `#${channel(1)}${channel(3)}${channel(5)}`;
}

/** Sets the event's colours on the document, or takes them all away (null: the kiosk's own look). */
export function applyBrandColours(root: HTMLElement, colours: BrandColours | null): void {
  const properties = colours === null ? null : brandProperties(colours);
  for (const name of BRAND_PROPERTIES) {
    if (properties === null) root.style.removeProperty(name);
    else root.style.setProperty(name, properties[name]);
  }
}
