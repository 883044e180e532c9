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

describe('canonical JSON as stored by earlier versions', () => {
  // The text every earlier version wrote (key by key, keys sorted): stored hashes depend on it.
  const reference = (value: unknown): string => {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${reference((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  };
  const revision = {
    id: '01936f3e-0000-7000-8000-000000000001',
    formId: 'patrimonio',
    formVersion: '2026110101',
    deviceId: '01936f3e-0000-7000-8000-0000000000aa',
    eventId: 'feria',
    language: 'es',
    complete: true,
    answers: {
      nombre: 'Doña Ñusta 😀',
      edad: 42,
      practicas: [
        { z: 1, a: ['b', 'a'] },
        { y: 850.5, b: null },
      ],
      lista: ['é', 'e\u0301'],
      cero: -0,
    },
    passId: null,
    privacyNoticeVersion: null,
    startedAt: '2026-11-20T16:00:00.000Z',
    createdAt: '2026-11-20T16:03:00.000Z',
    recordId: '01936f3e-0000-7000-8000-000000000001',
    revision: 2,
    parents: ['01936f3e-0000-7000-8000-000000000000'],
    editedBy: 'Ana',
  };

  it('hashes a record as the version before did', () => {
    // Hashes written by the key-by-key version (before the copy written whole).
    expect(contentHash(canonicalJson(revision))).toBe(
      '47ae9b43b2c0251bf708ee1610f41204f1440b29412ead7ef38c87e83cefd7fc',
    );
    const indexed = { ...revision, answers: { ...revision.answers, '10': 'x', '9': 'y' } };
    expect(contentHash(canonicalJson(indexed))).toBe(
      '5ee8a1e9482229b1d7b14e578f6ca9ab8a8dc02018f5fcd37c3859efa97a7483',
    );
  });

  it('writes what the reference writes, for keys and values of every awkward kind', () => {
    const values: unknown[] = [
      revision,
      { b: 1, a: { 1: 'one', b: [{ y: 2, x: 1 }], a: 0 } },
      { a: { 10: 'x', 9: 'y', b: { d: 1, c: 2 } } },
      { z: [[{ b: 1, a: 2 }], []], y: [{}, null, 'x'] },
      { é: 1, e: 2, '😀': 3, '\uffff': 4, Z: 5, _: 6, '': 7 },
      { b: [NaN, Infinity, -0, 1e21, 0.1], a: 'line\nbreak "quoted" \\ \u0007' },
      JSON.parse('{"b":{"y":1,"__proto__":{"x":2}},"a":1}'),
      { b: undefined, a: [undefined, { d: undefined, c: 1 }] },
      Object.assign(Object.create(null) as object, { b: 1, a: { d: 2, c: 3 } }),
      { b: new Date(0), a: 1 },
      [{ b: 1, a: 2 }, 'x', [{ d: 1, c: 2 }]],
      'text',
      12.5,
      null,
    ];
    for (const value of values) expect(canonicalJson(value)).toBe(reference(value));
    // The same shapes again: key orders remembered from the first time give the same text.
    for (const value of values) expect(canonicalJson(value)).toBe(reference(value));
  });

  it('leaves the value it writes as it was', () => {
    const value = { b: { d: 1, c: [{ f: 1, e: 2 }] }, a: 1 };
    const before = JSON.stringify(value);
    canonicalJson(value);
    expect(JSON.stringify(value)).toBe(before);
  });
});
