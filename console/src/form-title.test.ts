import { describe, expect, it } from 'vitest';
import { formTitle, formTitleOf } from './form-title';

const FERIA = {
  formId: 'feria',
  title: { en: 'Fair survey', 'es-mx': 'Encuesta de la feria' },
  versions: ['1'],
};

describe('formTitle', () => {
  it("is the title in the page's language, matched by its first subtag", () => {
    expect(formTitle(FERIA, 'es-MX')).toBe('Encuesta de la feria');
    expect(formTitle(FERIA, 'en')).toBe('Fair survey');
  });

  it('falls back to Spanish, then English, then any title, then the id', () => {
    expect(formTitle({ formId: 'f', title: { oto: 'Hñähñu', es: 'Español' } }, 'en')).toBe('Español');
    expect(formTitle({ formId: 'f', title: { oto: 'Hñähñu', en: 'English' } }, 'es-MX')).toBe('English');
    expect(formTitle({ formId: 'f', title: { oto: 'Hñähñu' } }, 'es-MX')).toBe('Hñähñu');
    expect(formTitle({ formId: 'f', title: { es: '  ' } }, 'es-MX')).toBe('f');
    expect(formTitle({ formId: 'f', title: {} }, 'en')).toBe('f');
  });

  it("finds a form among an event's by its id, and is the id when there is none", () => {
    expect(formTitleOf([FERIA], 'feria', 'en')).toBe('Fair survey');
    expect(formTitleOf([FERIA], 'otra', 'en')).toBe('otra');
    expect(formTitleOf(undefined, 'feria', 'en')).toBe('feria');
  });
});
