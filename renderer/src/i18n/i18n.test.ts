import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { LANGUAGE_ORDER, languageName, translator } from './i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();

describe('message catalogs', () => {
  it('offer Spanish first', () => {
    expect(LANGUAGE_ORDER).toEqual(['es', 'en']);
  });

  it('have exactly the same keys in Spanish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
  });

  it('have no empty message', () => {
    for (const catalog of [es, en]) {
      for (const [key, text] of Object.entries(catalog)) expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of Object.entries(es)) {
      expect(placeholders(en[key as keyof typeof es]), key).toEqual(placeholders(text));
    }
  });

  it('come in complete .one/.other pairs', () => {
    const keys = new Set(Object.keys(es));
    for (const key of keys) {
      if (key.endsWith('.one')) expect(keys.has(key.replace(/\.one$/, '.other')), key).toBe(true);
      if (key.endsWith('.other')) expect(keys.has(key.replace(/\.other$/, '.one')), key).toBe(true);
    }
  });
});

describe('translator', () => {
  it('fills in placeholders', () => {
    expect(translator('es').t('form.progress', { current: 3, total: 12 })).toBe('Paso 3 de 12');
    expect(translator('en').t('form.progress', { current: 3, total: 12 })).toBe('Step 3 of 12');
  });

  it('chooses singular or plural by count', () => {
    const { tc } = translator('es');
    expect(tc('pin.wrong', 1)).toBe('PIN incorrecto. Le queda 1 intento.');
    expect(tc('pin.wrong', 4)).toBe('PIN incorrecto. Le quedan 4 intentos.');
    expect(translator('en').tc('idle.countdown', 1)).toBe(
      'For your privacy, the screen goes back to the start in 1 second.',
    );
  });

  it('picks form text in the language, else the first language that has it', () => {
    expect(translator('en').pick({ es: 'Sí', en: 'Yes' })).toBe('Yes');
    expect(translator('en').pick({ es: 'Sí' })).toBe('Sí');
    expect(translator('es').pick({ en: 'Yes', es: '' })).toBe('Yes');
    expect(translator('es').pick(undefined)).toBe('');
  });

  it("speaks Spanish for a form language it has no catalogue for, and marks the form's text", () => {
    const oto = translator('oto');
    expect(oto.t('nav.next')).toBe(translator('es').t('nav.next'));
    expect([oto.locale, oto.formLang, translator('en').formLang]).toEqual(['es-MX', 'oto', undefined]);
    expect(oto.pick({ es: 'Nombre', oto: 'Thuhu' })).toBe('Thuhu');
    expect(oto.pick({ en: 'Name', es: 'Nombre' })).toBe('Nombre');
    expect(oto.pick({ nah: 'Tokaitl' })).toBe('Tokaitl');
  });

  it('names a language in itself: the form header, our catalogue, the browser, else its code', () => {
    expect(languageName('oto', { oto: 'Hñähñu' })).toBe('Hñähñu');
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('Français');
    expect(languageName('x-hnahnu')).toBe('x-hnahnu');
  });
});
