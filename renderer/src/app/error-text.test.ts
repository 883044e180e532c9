import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { errorText } from './error-text';

const es = translator('es');

describe('errorText', () => {
  it('words a known code, with the details it carries', () => {
    expect(errorText({ code: 'forbidden', message: 'no' }, es)).toBe('El quiosco rechazó esta petición.');
    expect(errorText({ code: 'pin_wrong', message: 'no', details: { attemptsLeft: 1 } }, es)).toBe(
      'PIN incorrecto. Le queda 1 intento.',
    );
  });

  it('names a code passed on from elsewhere that it has no words for', () => {
    expect(errorText({ code: 'enrol_rate_limited', message: 'slow down' }, es)).toBe(
      'Algo salió mal (código enrol_rate_limited).',
    );
    expect(errorText({ code: 'enrol_rate_limited', message: 'slow down' }, translator('en'))).toBe(
      'Something went wrong (code enrol_rate_limited).',
    );
  });
});
