// What a pushed payload may look like before any schema reads it: bounded nesting, and no key
// that names an object's prototype. The body parser leaves such keys in (so one bad record does
// not fail its batch); this walk finds them, without recursion, so any depth is safe to look at.
// Paths are put together only for a fault: every payload of every push is walked.
import { MAX_PAYLOAD_DEPTH } from '../../shared/sync/protocol';

/** Keys that reach an object's prototype when copied by assignment. */
const PROTOTYPE_KEYS = new Set(['__proto__']);

/** A value met on the walk, with the way back to the payload for naming it. */
type Step = { value: unknown; depth: number; parent: Step | undefined; key: string };

const pathOf = (step: Step | undefined, key: string): string => {
  const keys = [key];
  for (let s = step; s !== undefined; s = s.parent) keys.push(s.key);
  return keys.reverse().join('.');
};

/** Why the payload may not be read, in words for the kiosk's staff; undefined when it may. */
export function payloadShapeFault(payload: unknown): string | undefined {
  const stack: Step[] = [{ value: payload, depth: 0, parent: undefined, key: 'payload' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth } = item;
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      return `${pathOf(item.parent, item.key)}: nested deeper than ${MAX_PAYLOAD_DEPTH} levels; a record is never that deep`;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        if (v !== null && typeof v === 'object')
          stack.push({ value: v, depth: depth + 1, parent: item, key: String(i) });
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const child: unknown = (value as Record<string, unknown>)[key];
      // constructor.prototype is the other way to reach a prototype (secure-json-parse's rule).
      const reaches =
        PROTOTYPE_KEYS.has(key) ||
        (key === 'constructor' && child !== null && typeof child === 'object' && 'prototype' in child);
      if (reaches) return `${pathOf(item, key)}: a key that names an object prototype is not allowed`;
      if (child !== null && typeof child === 'object')
        stack.push({ value: child, depth: depth + 1, parent: item, key });
    }
  }
  return undefined;
}
