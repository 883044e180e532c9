// How cells become CSV text, and the spreadsheet guard. A text that starts with = + - @ tab or CR
// can run as a formula when a spreadsheet opens the file (CSV injection), so it is written with
// a leading apostrophe — unless it is a plain number like "-5", which a spreadsheet reads as
// the number it is. A spreadsheet that splits lines on ; or tab (Excel and LibreOffice do in many
// locales) or that cuts at a line break starts a cell after each of those characters, and after a
// comma when it ignores our quotes: so every segment after , ; tab CR or LF gets the same rule.
// Texts that already start (or have a segment starting) with apostrophes before such a character
// get one more, so removing one apostrophe at the start and after each of those characters,
// wherever /'+[=+\-@\t\r]/ follows, restores the data exactly (the R script does this).
import { formatNumber } from '../../shared/forms/format-number';
import type { Cell } from './table-rows';

const TRIGGER = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const APOSTROPHE = 39;
const FIRST_CHARS = new Set([...'=+-@\t\r'].map((c) => c.charCodeAt(0)).concat(APOSTROPHE));
/** Where another spreadsheet cell can begin inside a text. */
const SEGMENT_END = /[,;\t\r\n]/;
const SEGMENT_START = /(?<=^|[,;\t\r\n])(?='*[=+\-@\t\r])/g;
const GUARD_AT_SEGMENT = /(?<=^|[,;\t\r\n])'(?='*[=+\-@\t\r])/g;

/** Whether the text's start runs as a formula (the XLSX quote-prefix style is given to these). */
export function needsGuard(text: string): boolean {
  return FIRST_CHARS.has(text.charCodeAt(0)) && TRIGGER.test(text) && !PLAIN_NUMBER.test(text);
}

/** The text with an apostrophe before the start and every segment that would run as a formula. */
export function guarded(text: string): string {
  if (!SEGMENT_END.test(text)) return needsGuard(text) ? `'${text}` : text;
  // Most texts with separators (comments with commas) start no segment with a trigger: one look
  // at each segment's start instead of the look-behind expression's replace.
  if (!startsSegmentWithTrigger(text)) return text;
  return text.replace(SEGMENT_START, (_empty: string, at: number) => {
    // A plain number is a number in any cell: the whole text at the start, else the segment.
    const rest = text.slice(at);
    const end = at === 0 ? -1 : rest.search(SEGMENT_END);
    return PLAIN_NUMBER.test(end < 0 ? rest : rest.slice(0, end)) ? '' : "'";
  });
}

/** Whether SEGMENT_START matches anywhere in the text: a trigger, after apostrophes, at a segment's start. */
function startsSegmentWithTrigger(text: string): boolean {
  for (let start = 0; start <= text.length; start++) {
    const before = text.charCodeAt(start - 1);
    if (start > 0 && before !== 44 && before !== 59 && before !== 9 && before !== 13 && before !== 10)
      continue;
    let at = start;
    while (text.charCodeAt(at) === APOSTROPHE) at++;
    const c = text.charCodeAt(at);
    if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) return true;
  }
  return false;
}

/** The inverse of `guarded`. */
export function unguarded(text: string): string {
  return text.replace(GUARD_AT_SEGMENT, '');
}

/**
 * A number as people read it (2957.64, not 2957.6399999999994: see format-number.ts). Whole
 * numbers below 1e15 are written as they are, which is the same and much faster (0/1 columns);
 * so is a fraction whose shortest form has at most 15 significant digits (16 characters with its
 * point, and no exponent): rounding it to 15 digits gives it back. Only the rest is rounded.
 */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const cents = Math.round(n * 100);
  if (Math.abs(cents) < 1e15) {
    // Amounts in cents (850.5, 155.75) are most fractions: written from two integers, much faster
    // than a double's shortest form, and the same text (the double nearest to cents / 100 is n).
    const amount = cents / 100;
    if (amount === n) return centsText(cents);
    // A sum of amounts a rounding error off (1644.3799999999999): within 2e-16 of it (exact to
    // compute, the two being so close), rounding to 15 significant digits gives the amount, whose
    // 15-digit neighbours are at least 5e-16 of it away. Checked against formatNumber in the tests.
    if (Math.abs(n - amount) <= Math.abs(n) * 2e-16)
      return cents % 100 === 0 ? String(amount) : centsText(cents);
  }
  const text = String(n);
  const short = text.length <= 15 || (text.length === 16 && text.includes('.'));
  return short && !text.includes('e') ? text : formatNumber(n);
}

/** A whole number of hundredths, not a whole number, as a decimal: 85050 → 850.5. */
function centsText(cents: number): string {
  const abs = Math.abs(cents);
  const hundredths = abs % 100;
  const units = (abs - hundredths) / 100;
  const fraction =
    hundredths % 10 === 0 ? String(hundredths / 10) : hundredths < 10 ? `0${hundredths}` : String(hundredths);
  return `${cents < 0 ? '-' : ''}${units}.${fraction}`;
}

/** A number rounded as `numberText` writes it, for outputs that keep numbers as numbers. */
export function roundedNumber(n: number): number {
  return Number.isInteger(n) ? n : Number(numberText(n));
}

const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * Line breaks inside answers: kept (RFC 4180 quotes them), or written as U+2028 / U+2029 for
 * files that SPSS reads (it cannot read a quoted line break); the R script turns them back.
 */
export type LineBreaks = 'keep' | 'separators';

/**
 * A field. Numbers are bare; a text that looks like a number (a postal code 04510, 1e5, -5) is
 * quoted, so a reader that takes quoted fields as text (LibreOffice's "quoted field as text",
 * the bundle's scripts) keeps it text rather than 4510 or 100000. The guard is unchanged.
 * Most fields (ids, codes, times) need none of it, which scanField finds cheaply.
 */
export function csvField(cell: Cell, lineBreaks: LineBreaks): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return numberText(cell);
  const kind = scanField(cell);
  if ((kind & SPECIAL) === 0) return kind & NUMBER_LIKE && PLAIN_NUMBER.test(cell) ? `"${cell}"` : cell;
  return specialField(cell, lineBreaks);
}

/** A text whose scan found SPECIAL, as csvField writes it. */
export function specialField(cell: string, lineBreaks: LineBreaks): string {
  let text = guarded(cell);
  if (lineBreaks === 'separators') text = text.replaceAll('\n', '\u2028').replaceAll('\r', '\u2029');
  return NEEDS_QUOTES.test(text) || PLAIN_NUMBER.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** scanField's findings, as bits. Neither NUMBER_LIKE nor SPECIAL: the text is written as it is. */
export const NUMBER_LIKE = 1;
export const SPECIAL = 2;
export const NON_ASCII = 4;
/** A character that is none of a number's. */
const NOT_NUMBER = 8;

/** What each ASCII character says about a text: a table instead of a dozen comparisons a character. */
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) =>
  (c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69
    ? 0
    : c === 34 || c === 44 || c === 59 || c === 9 || c === 13 || c === 10
      ? SPECIAL
      : NOT_NUMBER,
);

const classOf = (c: number): number => (c < 128 ? (ASCII_CLASS[c] as number) : NOT_NUMBER | NON_ASCII);

/**
 * One look at each character of a text: SPECIAL when it may start a formula (its first character
 * is = + - @ or an apostrophe) or holds a character that needs quotes, the guard after it or a
 * line-break change (" , ; tab CR LF); else NUMBER_LIKE when every character is one of a
 * number's (digits . + - e E: it may be one, isPlainNumber tells). NON_ASCII when a character is
 * not ASCII. With `out`, each character is copied there from `at` as a byte on the way: when the
 * text is ASCII, `out` then holds it. One loop instead of regular expressions: a million-row
 * export has tens of millions of fields, and most (ids, codes, times) need nothing.
 */
export function scanField(text: string, out?: Uint8Array, at = 0): number {
  const first = text.charCodeAt(0);
  if (first === 61 || first === 43 || first === 45 || first === 64 || first === 39) return SPECIAL;
  let seen = 0;
  if (out === undefined) for (let i = 0; i < text.length; i++) seen |= classOf(text.charCodeAt(i));
  else {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      out[at + i] = c;
      seen |= classOf(c);
    }
  }
  if (seen & SPECIAL) return SPECIAL;
  return (seen & NON_ASCII) | (text.length > 0 && (seen & NOT_NUMBER) === 0 ? NUMBER_LIKE : 0);
}

/** Whether a text of NUMBER_LIKE characters is a plain number (and so quoted as a text). */
export function isPlainNumber(text: string): boolean {
  return PLAIN_NUMBER.test(text);
}

/** One record's line. */
export function csvLine(cells: readonly Cell[], lineBreaks: LineBreaks): string {
  let line = cells.length === 0 ? '' : csvField(cells[0] as Cell, lineBreaks);
  for (let i = 1; i < cells.length; i++) line += `,${csvField(cells[i] as Cell, lineBreaks)}`;
  return `${line}\r\n`;
}

/** UTF-8 byte order mark: how Excel knows a CSV is UTF-8 (accents otherwise come out garbled). */
export const BOM = '\uFEFF';
