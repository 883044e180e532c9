// Text from the form written into SPSS syntax: variable names SPSS accepts, strings that stay
// strings and comments that stay comments, whatever a label holds (quotes, apostrophes, line
// breaks, a period or `*` that could end a command or start one, 300 characters, emoji), and that
// read in an editor as they run: no bidi control (a U+202E) turns the syntax after it around.

import { BIDI_CONTROLS } from '../../shared/text/bidi-controls';

const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH']);

/** Variable names SPSS accepts: ASCII letters, digits, _ and . inside; unique ignoring case. */
export function spssNames(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let base = name.replace(/[^A-Za-z0-9_.]/g, '_').replace(/\.+$/, '');
    if (!/^[A-Za-z]/.test(base)) base = `v${base}`;
    base = base.slice(0, 60);
    if (RESERVED.has(base.toUpperCase())) base = `${base}_`;
    let candidate = base;
    for (let n = 2; taken.has(candidate.toUpperCase()); n++) candidate = `${base.slice(0, 56)}_${n}`;
    taken.add(candidate.toUpperCase());
    return candidate;
  });
}

/**
 * Line breaks and other control characters: a comment or string of syntax stays on its line.
 * Bidi controls (embeddings, overrides, isolates, LRM, RLM, ALM): it shows in the order it runs.
 */
const UNPRINTABLE = new RegExp(`[\\p{Cc}\\p{Zl}\\p{Zp}${BIDI_CONTROLS}]+`, 'gu');

/** Text for a comment: one line, and no period, which could end the comment (and start a command). */
export function spssComment(text: string): string {
  return text.replace(UNPRINTABLE, ' ').replaceAll('.', '');
}

/**
 * A value as an SPSS string on one line, apostrophes doubled. One with a control character or a
 * bidi control (a choice code may hold them) is written as a hex string of its UTF-8 bytes
 * instead: still the exact code RECODE must match, and nothing in it acts on the editor.
 */
export function spssQuote(text: string): string {
  if (text.search(UNPRINTABLE) < 0) return `'${text.replaceAll("'", "''")}'`;
  return `X'${Buffer.from(text, 'utf8').toString('hex').toUpperCase()}'`;
}

/**
 * A label as an SPSS string: cut to `maxBytes` of UTF-8 (never inside a character) and split into
 * pieces joined with + so no syntax line gets long. SPSS and PSPP show `\n` in a label as a line
 * break, so a backslash and n written by the form get an invisible word joiner between them.
 */
export function spssString(text: string, maxBytes: number): string {
  const oneLine = text.replace(UNPRINTABLE, ' ').replaceAll('\\n', '\\\u2060n');
  const pieces: string[] = [];
  let piece = '';
  let pieceBytes = 0;
  let total = 0;
  for (const char of oneLine) {
    const bytes = Buffer.byteLength(char);
    if (total + bytes > maxBytes) break;
    if (pieceBytes + bytes > 60) {
      pieces.push(piece);
      piece = '';
      pieceBytes = 0;
    }
    piece += char;
    pieceBytes += bytes;
    total += bytes;
  }
  pieces.push(piece);
  return pieces.map(spssQuote).join(' +\n      ');
}
