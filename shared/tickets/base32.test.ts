import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32 } from './base32';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('base32', () => {
  it('matches the RFC 4648 test vectors, without padding', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase32(ascii(plain))).toBe(encoded);
      expect(decodeBase32(encoded)).toEqual({ ok: true, bytes: ascii(plain) });
    }
  });

  it('round-trips every length up to 64 bytes', () => {
    for (let length = 0; length <= 64; length++) {
      const bytes = crypto.getRandomValues(new Uint8Array(length));
      const text = encodeBase32(bytes);
      expect(text).toMatch(/^[A-Z2-7]*$/);
      expect(decodeBase32(text)).toEqual({ ok: true, bytes });
    }
  });

  it('refuses characters outside the upper-case alphabet, with their position', () => {
    expect(decodeBase32('MZXw6YTB')).toEqual({ ok: false, problem: 'bad_character', index: 3 });
    expect(decodeBase32('MZXW6YTBOI======')).toEqual({ ok: false, problem: 'bad_character', index: 10 });
    for (const bad of ['0', '1', '8', '9', ' ', 'é', '😀'.charAt(0)]) {
      expect(decodeBase32(`MZXW6YT${bad}`)).toEqual({ ok: false, problem: 'bad_character', index: 7 });
    }
  });

  it('refuses lengths no byte string encodes to', () => {
    expect(decodeBase32('M')).toEqual({ ok: false, problem: 'bad_length', length: 1 });
    expect(decodeBase32('MZX')).toEqual({ ok: false, problem: 'bad_length', length: 3 });
    expect(decodeBase32('MZXW6Y')).toEqual({ ok: false, problem: 'bad_length', length: 6 });
  });

  it('refuses a text whose unused last bits are set, so each byte string has one text', () => {
    // 'f' is MY; MZ carries the same byte plus a stray 1 bit.
    expect(decodeBase32('MZ')).toEqual({ ok: false, problem: 'nonzero_padding_bits' });
    expect(decodeBase32('MZXR')).toEqual({ ok: false, problem: 'nonzero_padding_bits' });
  });
});
