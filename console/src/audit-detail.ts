// An audit entry's detail as lines of readable text: each key by its label in the console's
// language (an unknown key, older or newer than this console, as written), known values by name,
// booleans as yes/no, `changes` as "field: before → after". Plain text, for React to escape.
import type { AuditMessages } from './i18n-audit';

type DetailText = Pick<AuditMessages, 'yes' | 'no' | 'detailKeys' | 'detailValues'> & {
  /** Names of the console roles, for `role`. */
  roleNames: Record<string, string>;
};

/** A known name from a table, by own key only (a key like "constructor" is not one). */
function named(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function detailLabel(w: DetailText, key: string): string {
  return named(w.detailKeys, key) ?? key;
}

function valueName(w: DetailText, key: string, value: string): string {
  const names: Record<string, string> | undefined =
    key === 'role'
      ? w.roleNames
      : Object.hasOwn(w.detailValues, key)
        ? w.detailValues[key as keyof typeof w.detailValues]
        : undefined;
  return (names === undefined ? undefined : named(names, value)) ?? value;
}

/** A value as plain text: lists by commas, nested objects as label: value pairs; nothing as —. */
function textOf(w: DetailText, key: string, value: unknown): string {
  // An empty list is nothing too (a new kiosk's offered forms): blank would read as a lost value.
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return '—';
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  if (Array.isArray(value)) return value.map((v) => textOf(w, key, v)).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) => `${detailLabel(w, k)}: ${textOf(w, k, v)}`)
      .join('; ');
  }
  return typeof value === 'string' ? valueName(w, key, value) : JSON.stringify(value);
}

/** `changes` holds each changed field as [before, after]: shown as "field: before → after". */
function changesText(w: DetailText, value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return textOf(w, 'changes', value);
  return Object.entries(value)
    .map(([field, pair]) =>
      Array.isArray(pair) && pair.length === 2
        ? `${detailLabel(w, field)}: ${textOf(w, field, pair[0])} → ${textOf(w, field, pair[1])}`
        : `${detailLabel(w, field)}: ${textOf(w, field, pair)}`,
    )
    .join('; ');
}

/** Longer texts (a page of record ids) are cut in the table; the whole is under "Ver completo". */
const SHORT = 120;

/**
 * The text's first SHORT characters and "…", or undefined when it is no longer. Counted by code
 * point, so a cut never leaves half of an emoji (a lone surrogate, shown as �).
 */
function shortOf(text: string): string | undefined {
  const chars = Array.from(text);
  return chars.length <= SHORT ? undefined : `${chars.slice(0, SHORT).join('')}…`;
}

export type AuditDetailLine = {
  key: string;
  label: string;
  /** The whole value as text. */
  text: string;
  /** The cut text the table shows, when the whole is longer; the whole is one click away. */
  short: string | undefined;
};

/** Each key of a detail, in its order, as its label and its value's text (cut when long). */
export function detailLines(w: DetailText, detail: Record<string, unknown>): AuditDetailLine[] {
  return Object.entries(detail).map(([key, value]) => {
    const text = key === 'changes' ? changesText(w, value) : textOf(w, key, value);
    return { key, label: detailLabel(w, key), text, short: shortOf(text) };
  });
}
