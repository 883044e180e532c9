// Text from the form or the data written into the report's HTML: every character that could
// open a tag, an entity or end an attribute is escaped. A value someone typed can also hold bidi
// controls (a U+202E turns the rest of its line around), so in the page's text it sits in a <bdi>
// and in the <title> it has none.
import { BIDI_CONTROLS } from '../../shared/text/bidi-controls';

/** For an attribute, our own text, an ASCII name, or a value alone in its element (an SVG label). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value in the page's text: escaped and isolated, so it cannot turn the words around it. */
export function isolated(text: string): string {
  return `<bdi>${esc(text)}</bdi>`;
}

const BIDI = new RegExp(`[${BIDI_CONTROLS}]`, 'g');

/** A value in the <title>, which takes no markup to isolate it with. */
export function titleValue(text: string): string {
  // Removed, not shown as placeholders: every letter stays, only the direction it forced goes.
  return esc(text.replace(BIDI, ''));
}
