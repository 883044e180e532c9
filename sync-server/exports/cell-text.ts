// How cells become CSV text, and the spreadsheet guard: a text that starts with = + - @ tab or CR
// can run as a formula when a spreadsheet opens the file (CSV injection), so it is written with
// a leading apostrophe — unless it is a plain number like "-5", which a spreadsheet reads as
// the number it is. Texts that already start with apostrophes before such a character get one
// more, so removing one leading apostrophe from every text matching /^'+[=+\-@\t\r]/ restores
// the data exactly (the R script does this).
import type { Cell } from './table-rows';

const TRIGGER = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const APOSTROPHE = 39;
const FIRST_CHARS = new Set([...'=+-@\t\r'].map((c) => c.charCodeAt(0)).concat(APOSTROPHE));

export function needsGuard(text: string): boolean {
  return FIRST_CHARS.has(text.charCodeAt(0)) && TRIGGER.test(text) && !PLAIN_NUMBER.test(text);
}

export function guarded(text: string): string {
  return needsGuard(text) ? `'${text}` : text;
}

/** The inverse of `guarded`. */
export function unguarded(text: string): string {
  return /^'+[=+\-@\t\r]/.test(text) ? text.slice(1) : text;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * Line breaks inside answers: kept (RFC 4180 quotes them), or written as U+2028 / U+2029 for
 * files that SPSS reads (it cannot read a quoted line break); the R script turns them back.
 */
export type LineBreaks = 'keep' | 'separators';

/** Any character that may need the guard, quotes or a line-break change: most fields have none. */
const SPECIAL = /^['=+\-@\t\r]|[",\r\n]/;

export function csvField(cell: Cell, lineBreaks: LineBreaks): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (!SPECIAL.test(cell)) return cell;
  let text = guarded(cell);
  if (lineBreaks === 'separators') text = text.replaceAll('\n', '\u2028').replaceAll('\r', '\u2029');
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record's line. Joined rather than concatenated: one flat string, not a tree of pieces. */
export function csvLine(cells: readonly Cell[], lineBreaks: LineBreaks): string {
  const fields = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) fields[i] = csvField(cells[i] as Cell, lineBreaks);
  return `${fields.join(',')}\r\n`;
}

/** UTF-8 byte order mark: how Excel knows a CSV is UTF-8 (accents otherwise come out garbled). */
export const BOM = '\uFEFF';
