// ODK/XPath value semantics. A missing or non-relevant answer is '', select_multiple answers are
// string arrays, dates are text, and everything converts the way ODK and Enketo convert it.
import { DAY_MS, hostUtcOffset, looksLikeDate, parseDateText, type UtcOffset } from './dates';

export type Value = string | number | boolean | readonly string[];

const NUMERIC = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;
const SPACES = /\s+/;

export function isNumeric(value: Value): boolean {
  return typeof value === 'number' || (typeof value === 'string' && isNumericText(value));
}

// Text starting with ASCII other than space, sign, point or digit is not a number: answered
// sooner than by the pattern, for most texts an expression compares ('si', 'hgo').
function isNumericText(s: string): boolean {
  const c = s.charCodeAt(0);
  return !(c > 57 && c < 128) && NUMERIC.test(s);
}

/** Whether a value reads as empty text: '' or a list of nothing (numbers never do). */
export function isEmptyText(value: Value): boolean {
  if (typeof value === 'string') return value === '';
  return typeof value === 'object' && toText(value) === '';
}

/**
 * XPath number(): numeric text as its number, a date or date-time as days since the epoch (so
 * `today() - ${born}` counts days), anything else — including '' — NaN, as in ODK and Enketo.
 */
export function toNumber(value: Value, offset: UtcOffset = hostUtcOffset): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const s = typeof value === 'string' ? value : value.join(' ');
  if (isNumericText(s)) return Number(s);
  const trimmed = s.trim();
  return looksLikeDate(trimmed) ? parseDateText(trimmed, offset) / DAY_MS : NaN;
}

/** XPath string(): numbers without a trailing .0 or a negative zero. */
export function toText(value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value.join(' ');
}

export function toBoolean(value: Value): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  return value.length > 0;
}

/** The chosen options of a select_multiple answer; a plain string is read as space-separated. */
export function toList(value: Value): readonly string[] {
  if (Array.isArray(value)) return value;
  const s = toText(value as string | number | boolean).trim();
  return s === '' ? [] : s.split(SPACES);
}

/**
 * `=`: booleans compare as booleans; a number against anything, two numeric texts, or two dates
 * compare numerically (so 2026-12-06 equals 2026-12-06T00:00:00 local); the rest as text.
 */
export function valuesEqual(a: Value, b: Value, offset: UtcOffset = hostUtcOffset): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (typeof a === 'number' || typeof b === 'number' || (isNumeric(a) && isNumeric(b))) {
    return toNumber(a, offset) === toNumber(b, offset);
  }
  const x = toText(a);
  const y = toText(b);
  if (x === y) return true;
  return looksLikeDate(x) && looksLikeDate(y) && toNumber(x, offset) === toNumber(y, offset);
}

/**
 * `< <= > >=` as a sign (-1, 0, 1), or NaN when the values do not compare: numerically, dates as
 * days since the epoch (so `. <= today()` works as in ODK).
 */
export function compareValues(a: Value, b: Value, offset: UtcOffset = hostUtcOffset): number {
  const x = toNumber(a, offset);
  const y = toNumber(b, offset);
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}
