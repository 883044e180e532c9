// Text from the form or the data written into the report's HTML: every character that could
// open a tag, an entity or end an attribute is escaped. A value someone typed can also hold bidi
// controls (a U+202E turns the rest of its line around), so in the page's text it sits in a <bdi>,
// and where no markup goes (the <title>, an alt text, an SVG chart's label) it has none.
import { BIDI_CONTROLS } from '../../shared/text/bidi-controls';

/** For an attribute, our own text, an ASCII name, or a value alone in an SVG label (withoutBidi). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value in the page's text: escaped and isolated, so it cannot turn the words around it. */
export function isolated(text: string): string {
  return `<bdi>${esc(text)}</bdi>`;
}

const BIDI = new RegExp(`[${BIDI_CONTROLS}]`, 'g');

/** The text without bidi controls: removed, not shown, so every letter stays, their order goes. */
export function withoutBidi(text: string): string {
  return text.replace(BIDI, '');
}

/** A value where no markup can isolate it: the <title>, an alt text. */
export function unmarked(text: string): string {
  return esc(withoutBidi(text));
}
