// One text per value whatever the key order, so equal content always hashes the same. Every
// pushed record goes through here, so the value is copied with its keys in order and written by
// the native JSON.stringify; the walk that writes it piece by piece is kept for what a copy
// cannot hold in order (UNCOPYABLE_KEY) and for what is not JSON data.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted (by UTF-16 code units), no whitespace. Values must be JSON data. */
export function canonicalJson(value: unknown): string {
  const ordered = orderedCopy(value);
  return ordered === UNORDERABLE ? writtenInOrder(value) : (JSON.stringify(ordered) ?? 'null');
}

const UNORDERABLE = Symbol('unorderable');
/**
 * Keys a copy cannot hold in order: index-like ones (an object lists them first, in numeric order)
 * and __proto__ (assigning it sets the copy's prototype instead).
 */
const UNCOPYABLE_KEY = /^(?:0|[1-9]\d*|__proto__)$/;

function orderedCopy(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  if (typeof value !== 'object') return UNORDERABLE;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = orderedCopy(value[i]);
      if (item === UNORDERABLE) return UNORDERABLE;
      copy[i] = item;
    }
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (UNCOPYABLE_KEY.test(key)) return UNORDERABLE;
    const item = orderedCopy(v);
    if (item === UNORDERABLE) return UNORDERABLE;
    copy[key] = item;
  }
  return copy;
}

function writtenInOrder(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(writtenInOrder).join(',')}]`;
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${writtenInOrder(v)}`);
  }
  return `{${parts.join(',')}}`;
}

export const contentHash = (canonical: string): string =>
  createHash('sha256').update(canonical, 'utf8').digest('hex');
