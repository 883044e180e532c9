import { describe, expect, it } from 'vitest';
import { enrolUri, parseEnrolText } from './protocol';
import { normalizeFingerprint } from './enrol-code';

const FP = 'a1'.repeat(32);

describe('the enrolment URI with the certificate fingerprint', () => {
  it('round-trips code, server and fingerprint', () => {
    const uri = enrolUri('AB12CD34EF56', 'https://192.168.1.10:7040/', FP);
    expect(uri).toBe(
      `quiosco://enrol?code=AB12-CD34-EF56&server=https%3A%2F%2F192.168.1.10%3A7040%2F&fp=${FP}`,
    );
    expect(parseEnrolText(uri)).toEqual({
      code: 'AB12CD34EF56',
      server: 'https://192.168.1.10:7040/',
      fingerprint: FP,
    });
  });

  it('reads the colon form in any case, and old URIs without fp', () => {
    const colons = FP.toUpperCase().replace(/(..)(?=.)/g, '$1:');
    expect(normalizeFingerprint(colons)).toBe(FP);
    expect(parseEnrolText(`quiosco://enrol?code=AB12-CD34-EF56&fp=${colons}`)).toEqual({
      code: 'AB12CD34EF56',
      fingerprint: FP,
    });
    expect(parseEnrolText('quiosco://enrol?code=AB12-CD34-EF56&server=http%3A%2F%2Fx%2F')).toEqual({
      code: 'AB12CD34EF56',
      server: 'http://x/',
    });
  });

  it('refuses a malformed fingerprint instead of enrolling without a pin', () => {
    for (const fp of ['', 'a1', `${FP}00`, 'g'.repeat(64)]) {
      expect(normalizeFingerprint(fp), fp).toBeUndefined();
      expect(parseEnrolText(`quiosco://enrol?code=AB12-CD34-EF56&fp=${fp}`), fp).toBeUndefined();
    }
  });
});
