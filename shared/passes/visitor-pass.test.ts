import { describe, expect, it } from 'vitest';
import { encodeVisitorPass, isVisitorPassText, readVisitorPass } from './visitor-pass';

const PASS_ID = '0199a3b2-7c4e-7d21-9f00-1234567890ab';

describe('visitor pass text', () => {
  it('carries the registration id in upper case and reads it back as stored', () => {
    const text = encodeVisitorPass(PASS_ID);
    expect(text).toBe('QP1:0199A3B2-7C4E-7D21-9F00-1234567890AB');
    expect(isVisitorPassText(text)).toBe(true);
    expect(readVisitorPass(text)).toEqual({ ok: true, passId: PASS_ID });
  });

  it('refuses anything but an upper-case UUIDv7 after the prefix', () => {
    const notV7 = { ok: false, detail: 'the pass id is not an upper-case UUIDv7' };
    expect(readVisitorPass(`QP1:${PASS_ID}`)).toEqual(notV7);
    expect(readVisitorPass('QP1:0199A3B2-7C4E-4D21-9F00-1234567890AB')).toEqual(notV7);
    expect(readVisitorPass('QP1:0199A3B2-7C4E-7D21-CF00-1234567890AB')).toEqual(notV7);
    expect(readVisitorPass('QP1:0199A3B2-7C4E-7D21-9F00-1234567890AB ')).toEqual(notV7);
    expect(readVisitorPass('QP2:0199A3B2-7C4E-7D21-9F00-1234567890AB')).toEqual({
      ok: false,
      detail: 'does not start with QP1:',
    });
    expect(isVisitorPassText('QP2:anything')).toBe(true);
    expect(isVisitorPassText('QT1:ABC')).toBe(false);
  });
});
