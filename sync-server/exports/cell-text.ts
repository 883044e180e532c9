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
  return text.replace(SEGMENT_START, (_empty: string, at: number) => {
    // A plain number is a number in any cell: the whole text at the start, else the segment.
    const rest = text.slice(at);
    const end = at === 0 ? -1 : rest.search(SEGMENT_END);
    return PLAIN_NUMBER.test(end < 0 ? rest : rest.slice(0, end)) ? '' : "'";
  });
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
  // Amounts in cents (850.5, 155.75) are most fractions: written from two integers, much faster
  // than a double's shortest form, and the same text (the double nearest to cents / 100 is n).
  if (cents / 100 === n && Math.abs(cents) < 1e15) return centsText(cents);
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

/** Characters that need quotes, or the guard after them, or a line-break change. */
const SPECIAL_INSIDE = /[",;\t\r\n]/;

/** Whether a text's first character may start a formula (or is an apostrophe before one). */
function mayTrigger(first: number): boolean {
  return first === 39 || first === 61 || first === 43 || first === 45 || first === 64;
}

/** Whether a text's first character may start a plain number (digits, a point or a sign). */
function mayBeNumber(first: number): boolean {
  return (first >= 48 && first <= 57) || first === 46 || first === 43 || first === 45;
}

/**
 * A field. Numbers are bare; a text that looks like a number (a postal code 04510, 1e5, -5) is
 * quoted, so a reader that takes quoted fields as text (LibreOffice's "quoted field as text",
 * the bundle's scripts) keeps it text rather than 4510 or 100000. The guard is unchanged.
 * Most fields (ids, codes, times) need none of it, which the first tests find cheaply.
 */
export function csvField(cell: Cell, lineBreaks: LineBreaks): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return numberText(cell);
  const first = cell.charCodeAt(0);
  if (!mayTrigger(first) && !SPECIAL_INSIDE.test(cell))
    return mayBeNumber(first) && PLAIN_NUMBER.test(cell) ? `"${cell}"` : cell;
  let text = guarded(cell);
  if (lineBreaks === 'separators') text = text.replaceAll('\n', '\u2028').replaceAll('\r', '\u2029');
  return NEEDS_QUOTES.test(text) || PLAIN_NUMBER.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record's line. Joined rather than concatenated: one flat string, not a tree of pieces. */
export function csvLine(cells: readonly Cell[], lineBreaks: LineBreaks): string {
  const fields = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) fields[i] = csvField(cells[i] as Cell, lineBreaks);
  return `${fields.join(',')}\r\n`;
}

/** UTF-8 byte order mark: how Excel knows a CSV is UTF-8 (accents otherwise come out garbled). */
export const BOM = '\uFEFF';
