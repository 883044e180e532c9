// ODK/XPath value semantics. A missing or non-relevant answer is '', select_multiple answers are
// string arrays, and everything converts the way JavaRosa converts it.

export type Value = string | number | boolean | readonly string[];

const NUMERIC = /^\s*-?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SPACES = /\s+/;

export function isNumeric(value: Value): boolean {
  return typeof value === 'number' || (typeof value === 'string' && NUMERIC.test(value));
}

export function toNumber(value: Value): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  const s = typeof value === 'string' ? value : value.join(' ');
  return NUMERIC.test(s) ? Number(s) : NaN;
}

export function toText(value: Value): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
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

/** `=`: booleans compare as booleans, numbers and numeric strings numerically, the rest as text. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return toBoolean(a) === toBoolean(b);
  if (isNumeric(a) && isNumeric(b)) return toNumber(a) === toNumber(b);
  return toText(a) === toText(b);
}

/**
 * `< <= > >=` as a sign (-1, 0, 1), or NaN when the values do not compare: numerically, or as
 * dates when both are YYYY-MM-DD (so `. <= today()` works as in ODK).
 */
export function compareValues(a: Value, b: Value): number {
  const x = toNumber(a);
  const y = toNumber(b);
  if (!Number.isNaN(x) && !Number.isNaN(y)) return x < y ? -1 : x > y ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string' && ISO_DATE.test(a) && ISO_DATE.test(b)) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return NaN;
}
