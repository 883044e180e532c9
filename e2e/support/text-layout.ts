// Where text shows on screen, for tests of its direction: a value with a U+202E must not turn
// the words after it around, which only the layout shows (the text stays the same).
import type { Locator } from '@playwright/test';

/**
 * Where each character of `part` shows: the left edge of its box, by its place in the element's
 * text (the last time `part` occurs there), measured with a Range over that one character.
 */
export function charLefts(element: Locator, part: string): Promise<number[]> {
  // No DOM globals here (the e2e files are type-checked without the DOM library): the page's
  // document is reached from the element.
  return element.evaluate((root, sought) => {
    const whole = root.textContent ?? '';
    const start = whole.lastIndexOf(sought);
    if (start < 0) throw new Error(`"${sought}" is not in "${whole}"`);
    const texts: NonNullable<typeof root.firstChild>[] = [];
    const collect = (node: NonNullable<typeof root.firstChild>): void => {
      if (node.nodeType === node.TEXT_NODE) texts.push(node);
      node.childNodes.forEach(collect);
    };
    collect(root);
    const left = (at: number): number => {
      let offset = at;
      for (const text of texts) {
        const length = text.textContent?.length ?? 0;
        if (offset < length) {
          const range = root.ownerDocument.createRange();
          range.setStart(text, offset);
          range.setEnd(text, offset + 1);
          return range.getBoundingClientRect().left;
        }
        offset -= length;
      }
      throw new Error(`no character at ${at}`);
    };
    return Array.from(sought, (_, i) => left(start + i));
  }, part);
}

/** The same places in order, left to right: equal to them when the characters read that way. */
export const leftToRight = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
