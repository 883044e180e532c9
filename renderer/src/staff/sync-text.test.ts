import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { clockOffsetText, deadLetterName, enrolErrorText, syncErrorText, syncTimeText } from './sync-text';

const es = translator('es');
const en = translator('en');
const MINUTE = 60_000;

describe('syncErrorText', () => {
  it('words the codes the sync engine and the server send', () => {
    expect(syncErrorText('server_unreachable', es)).toBe(
      'No se pudo conectar con el servidor. Revise la red; el quiosco seguirá intentando.',
    );
    expect(syncErrorText('device_revoked', en)).toBe('The server revoked this kiosk. Enrol it again.');
    for (const code of [
      'token_revoked',
      'protocol_unsupported',
      'sequence_gap',
      'invalid_input',
      'internal',
    ]) {
      expect(syncErrorText(code, es), code).not.toMatch(/código/);
    }
  });

  it('names a code it has no words for', () => {
    expect(syncErrorText('disk_full', es)).toBe('Falló la sincronización (código disk_full).');
    expect(syncErrorText('disk_full', en)).toBe('Sync failed (code disk_full).');
  });
});

describe('enrolErrorText', () => {
  it('points at the field the core refused', () => {
    const issue = (path: string) => ({
      code: 'invalid_input' as const,
      message: 'staff:enrol: bad',
      details: { issues: [{ path, message: 'Invalid' }] },
    });
    expect(enrolErrorText(issue('serverUrl'), es)).toBe(
      'La dirección del servidor no es válida. Escríbala como en el ejemplo: http://192.168.1.20:8080.',
    );
    expect(enrolErrorText(issue('code'), en)).toBe(
      'The enrolment code is not valid. Check that it has 12 letters and digits.',
    );
    expect(enrolErrorText({ code: 'invalid_input', message: 'bad', details: { field: 'code' } }, es)).toBe(
      'El código de inscripción no es válido. Revise que tenga 12 letras y números.',
    );
    expect(enrolErrorText({ code: 'invalid_input', message: 'bad' }, es)).toBe(
      'Revise la dirección del servidor y el código de inscripción.',
    );
  });

  it('words the codes the server passes on, enrolment-specific ones first', () => {
    const passed = (code: string) =>
      ({ code, message: 'technical' }) as unknown as Parameters<typeof enrolErrorText>[0];
    expect(enrolErrorText(passed('enrol_code_expired'), es)).toBe(
      'Ese código ya venció. Pida uno nuevo a la coordinación.',
    );
    expect(enrolErrorText(passed('server_unreachable'), es)).toBe(
      'No se pudo conectar con el servidor. Revise la dirección y la red, y vuelva a intentarlo.',
    );
    expect(enrolErrorText(passed('protocol_unsupported'), es)).toBe(
      syncErrorText('protocol_unsupported', es),
    );
    expect(enrolErrorText({ code: 'staff_only', message: 'expired' }, es)).toBe(
      'La sesión del personal terminó. Escriba el PIN de nuevo.',
    );
  });

  it("shows the core's message for a code it has no words for", () => {
    expect(enrolErrorText({ code: 'teapot', message: 'the server is a teapot' }, es)).toBe(
      'No se pudo inscribir el quiosco: the server is a teapot',
    );
  });
});

describe('clockOffsetText', () => {
  it('says nothing within a minute either way, or when the offset is unknown', () => {
    expect(clockOffsetText(null, es)).toBeNull();
    expect(clockOffsetText(MINUTE, es)).toBeNull();
    expect(clockOffsetText(-MINUTE, es)).toBeNull();
  });

  it('warns in minutes, hours or days, whichever way the clock is off', () => {
    expect(clockOffsetText(MINUTE + 1000, es)).toBe(
      'El reloj de este quiosco difiere del servidor por 1 minuto. Los registros no se afectan, pero conviene corregir la hora del equipo.',
    );
    expect(clockOffsetText(-5 * MINUTE, en)).toMatch(
      /^This kiosk's clock differs from the server's by 5 minutes\./,
    );
    expect(clockOffsetText(3 * 60 * MINUTE, es)).toMatch(/ por 3 horas\./);
    expect(clockOffsetText(-2 * 24 * 60 * MINUTE, es)).toMatch(/ por 2 días\./);
  });
});

describe('syncTimeText', () => {
  it('says never for no time, and shows the date with seconds in the locale', () => {
    expect(syncTimeText(null, es)).toBe('Nunca');
    expect(syncTimeText(null, en)).toBe('Never');
    expect(syncTimeText('2026-11-14T16:30:05.000Z', en)).toMatch(/^Nov 1[45], 2026, \d{1,2}:\d{2}:05 [AP]M$/);
  });
});

describe('deadLetterName', () => {
  it('names the kind and the end of the id, where two records saved together differ', () => {
    const id = '0193a1b2-c3d4-7e5f-8a6b-1c2d3e4f5a6b';
    expect(deadLetterName({ kind: 'submission', id }, es)).toBe('Respuesta …3e4f5a6b');
    expect(deadLetterName({ kind: 'scan', id }, en)).toBe('Ticket scan …3e4f5a6b');
  });

  it('shows a short id whole', () => {
    expect(deadLetterName({ kind: 'scan', id: 'abc123456' }, es)).toBe('Lectura de boleto abc123456');
  });
});
