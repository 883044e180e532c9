import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every depth and keeps arrays in order', () => {
    const a = { b: 1, a: [{ y: 'ñ', x: null }, 2], c: { e: true, d: 'x"y' } };
    const b = { c: { d: 'x"y', e: true }, a: [{ x: null, y: 'ñ' }, 2], b: 1 };
    expect(canonicalJson(a)).toBe('{"a":[{"x":null,"y":"ñ"},2],"b":1,"c":{"d":"x\\"y","e":true}}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
    expect(contentHash(canonicalJson(a))).toBe(contentHash(canonicalJson(b)));
  });

  it('reads back as the same value', () => {
    const value = { n: 850.5, list: ['a', 'b'], nested: [{ k: 1 }], empty: {}, none: [] };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('writes lists of texts, nested lists and keys already in order the same way', () => {
    const value = { a: ['x"y', 'ñ', '\ud800'], b: [['q'], 'r', { d: 1, c: 2 }], c: 'z' };
    expect(canonicalJson(value)).toBe('{"a":["x\\"y","ñ","\\ud800"],"b":[["q"],"r",{"c":2,"d":1}],"c":"z"}');
    expect(canonicalJson({ c: 'z', b: value.b, a: value.a })).toBe(canonicalJson(value));
  });

  it('tells different content apart', () => {
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
  });
});

describe('canonical JSON of unusual keys and values', () => {
  it('sorts index-like keys as text too, and keeps a __proto__ key parsed from JSON', () => {
    expect(canonicalJson({ b: 1, 10: 'x', 9: 'y', a: { 2: 0, 1: 0 } })).toBe(
      '{"10":"x","9":"y","a":{"1":0,"2":0},"b":1}',
    );
    const parsed: unknown = JSON.parse('{"z":1,"__proto__":{"polluted":true},"a":[1]}');
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"polluted":true},"a":[1],"z":1}');
  });

  it('writes what is not JSON data as before: undefined keys left out, in lists null', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
