// One text per value whatever the key order, so equal content always hashes the same.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted (by UTF-16 code units), no whitespace. Values must be JSON data. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(',')}}`;
}

export const contentHash = (canonical: string): string =>
  createHash('sha256').update(canonical, 'utf8').digest('hex');
