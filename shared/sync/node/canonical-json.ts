// One text per value whatever the key order, so equal content always hashes the same. Every
// record of every push is written this way (a thousand per batch), so the usual value is copied
// with its keys in order and written by JSON.stringify; the key orders of the forms' answers are
// remembered rather than sorted again for each record. What a copy cannot hold in order (a key
// JavaScript enumerates first because it looks like an index, a __proto__ key, anything that is
// not plain JSON data) is written by the walk, which gives the same text as it always has.
import { hash } from 'node:crypto';

/** JSON with object keys sorted (by UTF-16 code units), no whitespace. Values must be JSON data. */
export function canonicalJson(value: unknown): string {
  const ordered = inKeyOrder(value);
  return ordered === UNORDERABLE ? walk(value) : (JSON.stringify(ordered) ?? 'null');
}

/** SHA-256 of the text's UTF-8, in hex (one call: no hash object per record). */
export const contentHash = (canonical: string): string => hash('sha256', canonical, 'hex');

const UNORDERABLE = Symbol('unorderable');

/** The value itself when its keys are in order at every depth, else a copy that is; or UNORDERABLE. */
function inKeyOrder(value: unknown): unknown {
  if (value === null) return value;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'object':
      break;
    default:
      return UNORDERABLE;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const ordered = inKeyOrder(item);
      if (ordered === UNORDERABLE) return UNORDERABLE;
      if (ordered !== item) (copy ??= value.slice())[i] = ordered;
    }
    return copy ?? value;
  }
  // A Date or a class instance writes itself otherwise (toJSON); the walk keeps the old text.
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return UNORDERABLE;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const sorted = sortedKeys(keys);
  let copy: Record<string, unknown> | undefined;
  for (let i = 0; i < sorted.length; i++) {
    const key = sorted[i] as string;
    const item = record[key];
    const ordered = inKeyOrder(item);
    if (ordered === UNORDERABLE) return UNORDERABLE;
    if (copy === undefined && (ordered !== item || sorted !== keys)) {
      copy = {};
      for (let j = 0; j < i; j++) {
        const earlier = sorted[j] as string;
        if (!insertable(earlier)) return UNORDERABLE;
        copy[earlier] = record[earlier];
      }
    }
    if (copy !== undefined) {
      if (!insertable(key)) return UNORDERABLE;
      copy[key] = ordered;
    }
  }
  return copy ?? value;
}

/**
 * Whether a key keeps its place among keys inserted into a new object: index-like keys (any key
 * starting with a digit, to be safe) come first whatever the order, and __proto__ would set the
 * prototype.
 */
function insertable(key: string): boolean {
  const first = key.charCodeAt(0);
  return !(first >= 48 && first <= 57) && key !== '__proto__';
}

/** Key lists seen out of order, with their order: records of one form repeat the same few. */
const knownOrders: { keys: readonly string[]; sorted: string[] }[] = [];
const KNOWN_ORDERS = 16;

/** The keys in order: the same array when they are already, else a sorted one (maybe remembered). */
function sortedKeys(keys: string[]): string[] {
  if (inOrder(keys)) return keys;
  for (const known of knownOrders) if (sameKeys(known.keys, keys)) return known.sorted;
  const sorted = [...keys].sort();
  if (knownOrders.length >= KNOWN_ORDERS) knownOrders.pop();
  knownOrders.unshift({ keys, sorted });
  return sorted;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

/** The text built key by key: right for any value, slower than a copy written whole. */
function walk(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return walkArray(value);
  const keys = Object.keys(value);
  if (!inOrder(keys)) keys.sort();
  let text = '{';
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${walk(v)}`;
  }
  return `${text}}`;
}

function walkArray(list: readonly unknown[]): string {
  // A list of texts (a select_multiple answer) is canonical as the engine writes it.
  if (list.every((v) => typeof v === 'string')) return JSON.stringify(list);
  let text = '[';
  for (let i = 0; i < list.length; i++) text += `${i === 0 ? '' : ','}${walk(list[i])}`;
  return `${text}]`;
}
