import { describe, expect, test } from 'vitest';
import { LanguageSchema, uiLanguage } from './form-definition';
import { planLanguages, tagLanguage, tagName } from './languages';
import { loadXlsFormCsv, readXlsFormCsv } from './xlsform-csv';

describe('form languages', () => {
  test('a tag becomes a stable code and, where it has one, a name', () => {
    expect(tagLanguage('Hñähñu (oto)')).toBe('oto');
    expect(tagLanguage('Náhuatl')).toBe('nah');
    expect(tagLanguage('English')).toBe('en');
    expect(tagLanguage('es-MX')).toBe('es');
    expect(tagLanguage('Ayuujk jä’äy')).toBe('x-ayuujkja');
    expect(tagLanguage('')).toBeUndefined();
    expect(tagName('Hñähñu (oto)')).toBe('Hñähñu');
    expect(tagName('oto')).toBeUndefined();
    expect(tagName('English')).toBe('English');
  });

  test('the code grammar takes ISO codes and private-use codes, nothing else', () => {
    for (const code of ['es', 'oto', 'x-hnahnu', 'zh-hant']) expect(LanguageSchema.parse(code)).toBe(code);
    for (const bad of ['', 'ES', 'x', 'español', 'e$', '__proto__'])
      expect(LanguageSchema.safeParse(bad).success, bad).toBe(false);
  });

  test("the kiosk's own words fall back to Spanish", () => {
    expect([uiLanguage('en'), uiLanguage('es'), uiLanguage('oto')]).toEqual(['en', 'es', 'es']);
  });

  test('default_language picks the column it names; bare columns are that language', () => {
    const plan = planLanguages('Hñähñu (oto)', ['', 'Español (es)'], ['', 'Español (es)']);
    expect(plan.defaultLanguage).toBe('oto');
    expect([plan.slots(''), plan.slots('Español (es)')]).toEqual(['oto', 'es']);
    expect(plan.names).toEqual({ oto: 'Hñähñu', es: 'Español' });
  });

  test('every label language is kept, default first, with the names the headers give', () => {
    const form = readXlsFormCsv({
      survey:
        'type,name,label::Español (es),label::Hñähñu (oto),label::Náhuatl,label::en\n' +
        'text,nombre,Nombre,Thuhu,Tokaitl,Name\n',
      choices: 'list_name,name,label\n',
      settings: 'form_id,version,default_language\nf,1,Hñähñu (oto)\n',
    });
    expect(form).toMatchObject({
      defaultLanguage: 'oto',
      languages: ['oto', 'es', 'nah', 'en'],
      languageNames: { oto: 'Hñähñu', es: 'Español', nah: 'Náhuatl' },
    });
    expect(form.children[0]?.label).toEqual({ es: 'Nombre', oto: 'Thuhu', nah: 'Tokaitl', en: 'Name' });
  });

  test('two columns for one language keep the first and warn about the second', () => {
    const { definition, warnings } = loadXlsFormCsv({
      survey: 'type,name,label::es,label::Otomí,label::oto\ntext,a,A,B,C\n',
      choices: 'list_name,name,label\n',
      settings: 'form_id,version\nf,1\n',
    });
    expect(definition.languages).toEqual(['es', 'oto']);
    expect(definition.children[0]?.label).toEqual({ es: 'A', oto: 'B' });
    expect(warnings.map((w) => w.message)).toEqual([
      'survey!E1, column "label::oto": "oto" names the same language as an earlier column; this column is left out',
    ]);
  });
});
