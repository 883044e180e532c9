// An audit entry's detail as lines of readable text: each key by its label in the console's
// language (an unknown key, older or newer than this console, as written), known values by name,
// booleans as yes/no, `changes` as "field: before → after". Plain text, for React to escape, in
// pieces: the console's own words, and the values the entry holds, which the page isolates (a
// U+202E in a name must not turn the words after it around; text stays as it was).
import type { AuditMessages } from './i18n-audit';

type DetailText = Pick<AuditMessages, 'yes' | 'no' | 'detailKeys' | 'detailValues'> & {
  /** Names of the console roles, for `role`. */
  roleNames: Record<string, string>;
};

/** The console's own words as a string; a value from the entry as `{ value }`. */
export type DetailPiece = string | { value: string };

export function plainText(pieces: readonly DetailPiece[]): string {
  return pieces.map((piece) => (typeof piece === 'string' ? piece : piece.value)).join('');
}

/** The parts in order with `between` between each two. */
function joined(parts: DetailPiece[][], between: string): DetailPiece[] {
  return parts.flatMap((part, i) => (i === 0 ? part : [between, ...part]));
}

/** A known name from a table, by own key only (a key like "constructor" is not one). */
function named(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

export function detailLabel(w: DetailText, key: string): string {
  return named(w.detailKeys, key) ?? key;
}

function valueName(w: DetailText, key: string, value: string): DetailPiece {
  const names: Record<string, string> | undefined =
    key === 'role'
      ? w.roleNames
      : Object.hasOwn(w.detailValues, key)
        ? w.detailValues[key as keyof typeof w.detailValues]
        : undefined;
  return (names === undefined ? undefined : named(names, value)) ?? { value };
}

/** A value as plain text: lists by commas, nested objects as label: value pairs; nothing as —. */
function textOf(w: DetailText, key: string, value: unknown): DetailPiece[] {
  // An empty list is nothing too (a new kiosk's offered forms): blank would read as a lost value.
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return ['—'];
  if (typeof value === 'boolean') return [value ? w.yes : w.no];
  if (Array.isArray(value))
    return joined(
      value.map((v) => textOf(w, key, v)),
      ', ',
    );
  if (typeof value === 'object') {
    return joined(
      Object.entries(value).map(([k, v]) => [`${detailLabel(w, k)}: `, ...textOf(w, k, v)]),
      '; ',
    );
  }
  return [typeof value === 'string' ? valueName(w, key, value) : { value: JSON.stringify(value) }];
}

/** `changes` holds each changed field as [before, after]: shown as "field: before → after". */
function changesText(w: DetailText, value: unknown): DetailPiece[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return textOf(w, 'changes', value);
  return joined(
    Object.entries(value).map(([field, pair]) => [
      `${detailLabel(w, field)}: `,
      ...(Array.isArray(pair) && pair.length === 2
        ? [...textOf(w, field, pair[0]), ' → ', ...textOf(w, field, pair[1])]
        : textOf(w, field, pair)),
    ]),
    '; ',
  );
}

/** Longer texts (a page of record ids) are cut in the table; the whole is under "Ver completo". */
const SHORT = 120;

/**
 * The pieces' first SHORT characters and "…", or undefined when they are no longer. Counted by
 * code point, so a cut never leaves half of an emoji (a lone surrogate, shown as �).
 */
function shortOf(pieces: DetailPiece[]): DetailPiece[] | undefined {
  const short: DetailPiece[] = [];
  let left = SHORT;
  for (const piece of pieces) {
    const chars = Array.from(plainText([piece]));
    if (chars.length > left) {
      const cut = chars.slice(0, left).join('');
      if (cut !== '') short.push(typeof piece === 'string' ? cut : { value: cut });
      return [...short, '…'];
    }
    short.push(piece);
    left -= chars.length;
  }
  return undefined;
}

export type AuditDetailLine = {
  key: string;
  label: string;
  /** The whole value. */
  pieces: DetailPiece[];
  /** The cut value the table shows, when the whole is longer; the whole is one click away. */
  short: DetailPiece[] | undefined;
};

/** Each key of a detail, in its order, as its label and its value's text (cut when long). */
export function detailLines(w: DetailText, detail: Record<string, unknown>): AuditDetailLine[] {
  return Object.entries(detail).map(([key, value]) => {
    const pieces = key === 'changes' ? changesText(w, value) : textOf(w, key, value);
    return { key, label: detailLabel(w, key), pieces, short: shortOf(pieces) };
  });
}
