import { describe, expect, it } from 'vitest';
import { base64, uploadRequestOf } from './form-files';

const file = (name: string, content: string | Uint8Array<ArrayBuffer>) => new File([content], name);
// The first bytes of each kind of file, and their base64.
const XLSX = new Uint8Array([0x50, 0x4b, 0x03, 0x04]);
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff]);

describe('base64', () => {
  it('encodes bytes exactly, padding included', () => {
    expect(base64(new Uint8Array())).toBe('');
    expect(base64(XLSX)).toBe('UEsDBA==');
    expect(base64(PNG)).toBe('iVBORw==');
    expect(base64(JPEG)).toBe('/9j/');
    expect(base64(new Uint8Array([0, 255, 128]))).toBe('AP+A');
  });

  it('encodes more than one slice (32 KiB) whole, across the slice edges', () => {
    const bytes = Uint8Array.from({ length: 2 * 0x8000 + 5 }, (_, i) => (i * 7) % 256);
    const text = base64(bytes);
    expect(text).toHaveLength(4 * Math.ceil(bytes.length / 3));
    const back = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    expect(back).toEqual(bytes);
  });
});

describe('the upload request of picked form files', () => {
  it('is the one .xlsx as base64 with its name, and the images as media', async () => {
    const request = await uploadRequestOf([
      file('logo.png', PNG),
      file('Feria.XLSX', XLSX),
      file('portada.JPEG', JPEG),
    ]);
    expect(request).toEqual({
      xlsx: 'UEsDBA==',
      fileName: 'Feria.XLSX',
      media: [
        { name: 'logo.png', base64: 'iVBORw==' },
        { name: 'portada.JPEG', base64: '/9j/' },
      ],
    });
  });

  it('is the CSV trio told apart by name, in any order and case', async () => {
    const request = await uploadRequestOf([
      file('feria.settings.csv', 'form_title,form_id\nFeria,feria\n'),
      file('Feria.CHOICES.csv', 'list_name,name,label\nsn,si,Sí\n'),
      file('feria.survey.csv', 'type,name,label\ntext,nombre,Nombre\n'),
      file('mapa.jpg', JPEG),
    ]);
    expect(request).toEqual({
      survey: 'type,name,label\ntext,nombre,Nombre\n',
      choices: 'list_name,name,label\nsn,si,Sí\n',
      settings: 'form_title,form_id\nFeria,feria\n',
      media: [{ name: 'mapa.jpg', base64: '/9j/' }],
    });
  });

  it('sends no choices as empty when the form has none', async () => {
    const request = await uploadRequestOf([file('survey.csv', 'a'), file('settings.csv', 'b')]);
    expect(request).toEqual({ survey: 'a', choices: '', settings: 'b', media: [] });
  });

  it('is undefined without a survey and settings CSV or a lone .xlsx', async () => {
    expect(await uploadRequestOf([])).toBeUndefined();
    expect(await uploadRequestOf([file('logo.png', PNG)])).toBeUndefined();
    expect(await uploadRequestOf([file('f.survey.csv', 'a'), file('f.choices.csv', 'c')])).toBeUndefined();
    expect(await uploadRequestOf([file('f.settings.csv', 'b')])).toBeUndefined();
    // Two workbooks, or a workbook with a CSV: which one is meant is not known.
    expect(await uploadRequestOf([file('a.xlsx', XLSX), file('b.xlsx', XLSX)])).toBeUndefined();
    expect(await uploadRequestOf([file('a.xlsx', XLSX), file('f.survey.csv', 'a')])).toBeUndefined();
  });

  it('is undefined for two forms’ CSV files picked at once, instead of one form of both', async () => {
    const two = [
      file('a.survey.csv', 'survey a'),
      file('b.settings.csv', 'settings b'),
      file('b.survey.csv', 'survey b'),
      file('a.settings.csv', 'settings a'),
    ];
    expect(await uploadRequestOf(two)).toBeUndefined();
    const twoChoices = [
      file('a.survey.csv', 'survey a'),
      file('a.choices.csv', 'choices a'),
      file('b.choices.csv', 'choices b'),
      file('a.settings.csv', 'settings a'),
    ];
    expect(await uploadRequestOf(twoChoices)).toBeUndefined();
  });
});
