import { describe, expect, it } from 'vitest';
import { enrolRequest } from './enrol-draft';

const URI = 'quiosco://enrol?code=ABCD-EFGH-JKMN&server=http%3A%2F%2F10.0.0.5%3A8080';

describe('enrolRequest', () => {
  it('sends the typed address and code, trimmed', () => {
    expect(enrolRequest({ server: ' http://192.168.1.20:8080 ', code: ' ABCD-EFGH-JKMN\n' })).toEqual({
      ok: true,
      request: { serverUrl: 'http://192.168.1.20:8080', code: 'ABCD-EFGH-JKMN' },
    });
  });

  it('takes a scheme typed twice once', () => {
    expect(enrolRequest({ server: 'http://http://10.0.0.5:7040', code: 'ABCD-EFGH-JKMN' })).toEqual({
      ok: true,
      request: { serverUrl: 'http://10.0.0.5:7040', code: 'ABCD-EFGH-JKMN' },
    });
  });

  it('adds http:// when staff typed only the host', () => {
    expect(enrolRequest({ server: 'servidor.local:8080', code: 'abcd efgh jkmn' })).toEqual({
      ok: true,
      request: { serverUrl: 'http://servidor.local:8080', code: 'abcd efgh jkmn' },
    });
  });

  it('leaves the server out when a scanned QR carries it and the field holds only the hint', () => {
    expect(enrolRequest({ server: 'http://', code: URI })).toEqual({ ok: true, request: { code: URI } });
    expect(enrolRequest({ server: '', code: URI })).toEqual({ ok: true, request: { code: URI } });
  });

  it('sends a typed server along with a QR that carries one; the core decides', () => {
    expect(enrolRequest({ server: 'https://quiosco.example.mx', code: URI })).toEqual({
      ok: true,
      request: { serverUrl: 'https://quiosco.example.mx', code: URI },
    });
  });

  it('asks for the code first, then the server', () => {
    expect(enrolRequest({ server: '', code: '  ' })).toEqual({ ok: false, problem: 'codeMissing' });
    expect(enrolRequest({ server: '', code: 'ABCD-EFGH-JKMN' })).toEqual({
      ok: false,
      problem: 'serverMissing',
    });
    expect(enrolRequest({ server: '', code: 'quiosco://enrol?code=ABCD-EFGH-JKMN' })).toEqual({
      ok: false,
      problem: 'serverMissing',
    });
  });

  it('refuses an address that is not http(s)', () => {
    for (const server of ['ftp://10.0.0.5', 'javascript://x', 'http:// 10.0.0.5', 'http://[::1']) {
      expect(enrolRequest({ server, code: 'ABCD-EFGH-JKMN' }), server).toEqual({
        ok: false,
        problem: 'serverInvalid',
      });
    }
  });
});
