// What a pushed payload may look like before any schema reads it: bounded nesting, and no key
// that names an object's prototype. The body parser leaves such keys in (so one bad record does
// not fail its batch); this walk finds them, without recursion, so any depth is safe to look at.
import { MAX_PAYLOAD_DEPTH } from '../../shared/sync/protocol';

/** Keys that reach an object's prototype when copied by assignment. */
const PROTOTYPE_KEYS = new Set(['__proto__']);

/** Why the payload may not be read, in words for the kiosk's staff; undefined when it may. */
export function payloadShapeFault(payload: unknown): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [
    { value: payload, depth: 0, path: 'payload' },
  ];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth, path } = item;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      return `${path}: nested deeper than ${MAX_PAYLOAD_DEPTH} levels; a record is never that deep`;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, path: `${path}.${i}` }));
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: unknown = (value as Record<string, unknown>)[key];
      // constructor.prototype is the other way to reach a prototype (secure-json-parse's rule).
      const reaches =
        PROTOTYPE_KEYS.has(key) ||
        (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child);
      if (reaches) return `${path}.${key}: a key that names an object prototype is not allowed`;
      stack.push({ value: child, depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return undefined;
}
