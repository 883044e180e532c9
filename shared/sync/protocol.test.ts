import { describe, expect, it } from 'vitest';
import {
  checkProtocol,
  enrolUri,
  formatEnrolCode,
  parseEnrolText,
  PushRequestSchema,
  supportedProtocols,
} from './protocol';

describe('protocol versions', () => {
  it('a server accepts its own version and the one before, never older or newer', () => {
    const v2 = supportedProtocols(2);
    expect(v2).toEqual({ oldest: 1, newest: 2 });
    expect([0, 1, 2, 3].map((v) => checkProtocol(v, v2))).toEqual(['too_old', 'ok', 'ok', 'too_new']);
    const v5 = supportedProtocols(5);
    expect([3, 4, 5, 6].map((v) => checkProtocol(v, v5))).toEqual(['too_old', 'ok', 'ok', 'too_new']);
  });

  it('the first version has no predecessor to accept', () => {
    expect(supportedProtocols(1)).toEqual({ oldest: 1, newest: 1 });
  });
});

describe('enrolment codes', () => {
  it('formats in groups of four and reads back what staff type or scan', () => {
    expect(formatEnrolCode('ab12cd34ef56')).toBe('AB12-CD34-EF56');
    expect(parseEnrolText(' ab12 cd34 ef56 ')).toEqual({ code: 'AB12CD34EF56' });
    expect(parseEnrolText('AB12-CD34-EFS6')).toEqual({ code: 'AB12CD34EFS6' });
    expect(parseEnrolText('QO1L-0000-1111')).toEqual({ code: 'Q01100001111' });
    const uri = enrolUri('AB12CD34EF56', 'http://192.168.1.10:7040/');
    expect(uri).toBe('quiosco://enrol?code=AB12-CD34-EF56&server=http%3A%2F%2F192.168.1.10%3A7040%2F');
    expect(parseEnrolText(uri)).toEqual({ code: 'AB12CD34EF56', server: 'http://192.168.1.10:7040/' });
    expect(parseEnrolText(enrolUri('AB12CD34EF56'))).toEqual({ code: 'AB12CD34EF56' });
  });

  it('refuses what cannot be a code', () => {
    for (const text of [
      '',
      'AB12-CD34',
      'AB12-CD34-EF5U',
      'quiosco://enrol?code=nope',
      'https://example.org',
    ]) {
      expect(parseEnrolText(text), text).toBeUndefined();
    }
  });
});

describe('push requests', () => {
  const change = (seq: number) => ({
    seq,
    kind: 'submission',
    id: '0190a5e4-0000-7000-8000-00000000000' + seq,
    payload: {},
  });
  const deviceId = '0190a5e4-0000-7000-8000-000000000000';

  it('need seqs strictly increasing within a batch', () => {
    expect(
      PushRequestSchema.safeParse({ deviceId, changes: [change(1), change(2), change(5)] }).success,
    ).toBe(true);
    expect(PushRequestSchema.safeParse({ deviceId, changes: [change(2), change(2)] }).success).toBe(false);
    expect(PushRequestSchema.safeParse({ deviceId, changes: [change(3), change(2)] }).success).toBe(false);
  });
});
