import { describe, expect, it } from 'vitest';
import { csvField, csvLine, guarded, needsGuard, unguarded } from './cell-text';

describe('the spreadsheet guard', () => {
  it.each([
    '=1+1',
    '=HYPERLINK("http://x")',
    '+52 771 123 4567',
    '-2+3',
    '@SUM(A1)',
    '\tx',
    '\rx',
    '-',
    "'=1",
    "''+x",
  ])('puts an apostrophe before %j', (text) => {
    expect(needsGuard(text)).toBe(true);
    expect(guarded(text)).toBe(`'${text}`);
  });

  it.each(['-5', '-3.25', '+7', '-1e3', '.5', 'hola', '', "'hola", 'a=b', ' =1', 'México'])(
    'leaves %j alone (plain numbers stay numbers)',
    (text) => {
      expect(needsGuard(text)).toBe(false);
      expect(guarded(text)).toBe(text);
    },
  );

  it('is undone exactly by removing one apostrophe', () => {
    const starts = ['', "'", "''", '=', '+', '-', '@', '\t', '\r', 'a', '1', '-1', ' '];
    for (const a of starts) {
      for (const b of starts) {
        const text = `${a}${b}x`;
        expect(unguarded(guarded(text))).toBe(text);
      }
    }
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks as RFC 4180 says', () => {
    expect(csvField('a,b', 'keep')).toBe('"a,b"');
    expect(csvField('say "hi"', 'keep')).toBe('"say ""hi"""');
    expect(csvField('one\r\ntwo', 'keep')).toBe('"one\r\ntwo"');
    expect(csvField('ñandú 😋', 'keep')).toBe('ñandú 😋');
    expect(csvField(null, 'keep')).toBe('');
    expect(csvField(-12.5, 'keep')).toBe('-12.5');
    expect(csvField('=1,2', 'keep')).toBe(`"'=1,2"`);
  });

  it('writes line breaks as U+2028 / U+2029 for SPSS when asked', () => {
    expect(csvField('one\r\ntwo', 'separators')).toBe('one\u2029\u2028two');
    expect(csvField('a,\nb', 'separators')).toBe('"a,\u2028b"');
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b c'], 'keep')).toBe('a,1,,b c\r\n');
  });
});
