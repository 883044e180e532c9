import { describe, expect, it } from 'vitest';
import { passNumber, spacedPassNumber } from './pass-number';

const ID = '0193a2b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';

describe('passNumber', () => {
  it('is 8 base32 characters and a check character, the same every time', () => {
    expect(passNumber(ID)).toBe(passNumber(ID));
    expect(passNumber(ID)).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}[0-9A-HJKMNP-TV-Z*~$=U]$/);
  });

  it('encodes the last 40 bits of the id, big-endian', () => {
    // 0x0000000001 → seven zeros, then 1; 1 mod 37 = 1.
    expect(passNumber('00000000-0000-7000-8000-000000000001')).toBe('000000011');
    // 0xffffffffff = 2^40 - 1 → eight Z; its remainder by 37 is 15, the check symbol F.
    expect(passNumber('00000000-0000-7000-8000-00ffffffffff')).toBe('ZZZZZZZZF');
  });

  it('differs for ids that differ in the tail', () => {
    expect(passNumber(ID)).not.toBe(passNumber(ID.replace(/6b$/, '6c')));
  });

  it('refuses what is not an id', () => {
    expect(() => passNumber('nope')).toThrow('not a registration id: nope');
  });
});

describe('spacedPassNumber', () => {
  it('groups 4-4-1', () => {
    expect(spacedPassNumber('ABCDEFGH7')).toBe('ABCD-EFGH-7');
  });
});
