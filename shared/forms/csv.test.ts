import { describe, expect, test } from 'vitest';
import { CsvSyntaxError, parseCsv } from './csv';

describe('parseCsv', () => {
  test('splits records and fields, numbering lines from 1', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  test('quoted fields keep commas, doubled quotes and newlines; later lines stay numbered', () => {
    const text = 'type,label\nnote,"Hola, ""visitante""\nsegunda línea"\ntext,fin';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['type', 'label'] },
      { line: 2, fields: ['note', 'Hola, "visitante"\nsegunda línea'] },
      { line: 4, fields: ['text', 'fin'] },
    ]);
  });

  test('accepts CRLF and CR line ends and strips a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n1,"x\r\ny"\r\n2,3\r4,5')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', 'x\r\ny'] },
      { line: 4, fields: ['2', '3'] },
      { line: 5, fields: ['4', '5'] },
    ]);
  });

  test('skips blank lines and rows of bare commas but keeps counting them', () => {
    expect(parseCsv('a,b\n\n,,\n1,2\n,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['1', '2'] },
    ]);
  });

  test('keeps rows of different lengths and empty fields', () => {
    expect(parseCsv('a,b,c\n1\n,2,\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1'] },
      { line: 3, fields: ['', '2', ''] },
    ]);
  });

  test('a quote inside an unquoted field is kept as it is', () => {
    expect(parseCsv('a 5" tall,b')).toEqual([{ line: 1, fields: ['a 5" tall', 'b'] }]);
  });

  test('an unclosed quote is an error at the line it opens', () => {
    expect(() => parseCsv('a,b\n1,"open\n\n')).toThrow(
      new CsvSyntaxError(2, 1, 'quoted field is never closed'),
    );
  });

  test('text after a closing quote is an error', () => {
    const err = (() => {
      try {
        parseCsv('a,b\n"x"y,2');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect(err).toMatchObject({
      line: 2,
      field: 0,
      message: 'line 2: unexpected character after a closing quote',
    });
  });
});
