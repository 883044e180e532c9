// Curly quotes in expression columns are read as straight ones, as pyxform does before ODK sees the
// form; labels keep them. An unbalanced one is still an unclosed quote, refused at its cell.
import { describe, expect, test } from 'vitest';
import { loadXlsFormCsv } from './xlsform-csv';

const load = (row: string) =>
  loadXlsFormCsv({
    survey: `type,name,label,relevant,constraint\ntext,a,A,,\n${row}\n`,
    choices: '',
    settings: '',
  });

describe('curly quotes', () => {
  test('in expressions they quote text; in labels they stay', () => {
    const question = load('text,b,“Sí” o ‘no’,${a} != ’x’,. != “y”').definition.children[1];
    expect(question).toMatchObject({
      label: { es: '“Sí” o ‘no’' },
      relevant: "${a} != 'x'",
      constraint: '. != "y"',
    });
  });

  test('a quote opened and never closed is refused at its cell', () => {
    expect(() => load('text,b,B,${a} = ‘x,')).toThrow(
      /^survey!D3, column "relevant": text in quotes is never closed/,
    );
  });
});
