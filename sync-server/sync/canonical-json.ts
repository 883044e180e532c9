// One text per value whatever the key order, so equal content always hashes the same. Every
// record of every push is written this way, so the walk builds one string and sorts only keys
// that are out of order.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted (by UTF-16 code units), no whitespace. Values must be JSON data. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return canonicalArray(value);
  const keys = Object.keys(value);
  if (!inOrder(keys)) keys.sort();
  let text = '{';
  for (const key of keys) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${text}}`;
}

function canonicalArray(list: readonly unknown[]): string {
  // A list of texts (a select_multiple answer) is canonical as the engine writes it.
  if (list.every((v) => typeof v === 'string')) return JSON.stringify(list);
  let text = '[';
  for (let i = 0; i < list.length; i++) text += `${i === 0 ? '' : ','}${canonicalJson(list[i])}`;
  return `${text}]`;
}

function inOrder(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false;
  return true;
}

export const contentHash = (canonical: string): string =>
  createHash('sha256').update(canonical, 'utf8').digest('hex');
