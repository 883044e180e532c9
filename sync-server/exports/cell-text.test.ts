import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../shared/forms/format-number';
import { seededRandom } from '../../shared/random/seeded-random';
import { csvField, csvLine, guarded, needsGuard, numberText, unguarded } from './cell-text';

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

  // A spreadsheet splitting on ; or tab, or cutting at line breaks, starts a cell after them.
  it.each([
    ['x;=1+1', "x;'=1+1"],
    ['x\t=1+1', "x\t'=1+1"],
    ['x,@SUM(A1)', "x,'@SUM(A1)"],
    ['una\n=HYPERLINK("http://x")', 'una\n\'=HYPERLINK("http://x")'],
    ['a\r\n+1 2', "a\r\n'+1 2"],
    ["x;'=1", "x;''=1"],
    ['=1;=2', "'=1;'=2"],
    ['-5;x', "'-5;x"],
  ])('guards every segment of %j after , ; tab or a line break', (text, expected) => {
    expect(guarded(text)).toBe(expected);
  });

  it.each(['x;-5', '19.4 -99.1;19.5 -99.2', 'a, b', 'x; =1'])('leaves the segments of %j alone', (text) => {
    expect(guarded(text)).toBe(text);
  });

  it('is undone exactly by removing one apostrophe at the start and after each separator', () => {
    const parts = ['', "'", "''", '=', '+', '-', '@', '\t', '\r', '\n', ';', ',', 'a', '1', '-1', ' '];
    // The guard as its definition says, with no shortcut: every segment start a trigger follows.
    const reference = (text: string) =>
      text.replace(/(?<=^|[,;\t\r\n])(?='*[=+\-@\t\r])/g, (_empty: string, at: number) => {
        const rest = text.slice(at);
        const end = at === 0 ? -1 : rest.search(/[,;\t\r\n]/);
        return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(end < 0 ? rest : rest.slice(0, end))
          ? ''
          : "'";
      });
    for (const a of parts) {
      for (const b of parts) {
        for (const c of parts) {
          const text = `${a}${b}${c}x`;
          expect(unguarded(guarded(text))).toBe(text);
          expect([text, guarded(text)]).toEqual([text, reference(text)]);
        }
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

  it('quotes and guards a field that another separator would split into a formula', () => {
    expect(csvField('x;=1+1', 'keep')).toBe(`"x;'=1+1"`);
    expect(csvField('x\t=1+1', 'keep')).toBe(`"x\t'=1+1"`);
    expect(csvField('x\n-1+1', 'keep')).toBe(`"x\n'-1+1"`);
    expect(csvField('x\n@a', 'separators')).toBe("x\u2028'@a");
  });

  it('writes numbers as people read them', () => {
    expect(csvField(2107.24 + 420.2 + 430.2, 'keep')).toBe('2957.64');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(-3)).toBe('-3');
    expect(numberText(1e21)).toBe('1000000000000000000000');
  });

  it('writes line breaks as U+2028 / U+2029 for SPSS when asked', () => {
    expect(csvField('one\r\ntwo', 'separators')).toBe('one\u2029\u2028two');
    expect(csvField('a,\nb', 'separators')).toBe('"a,\u2028b"');
  });

  it('ends each line with CRLF', () => {
    expect(csvLine(['a', 1, null, 'b c'], 'keep')).toBe('a,1,,b c\r\n');
  });

  it('writes every number as formatNumber does, through its fast paths too', () => {
    const rand = seededRandom(15);
    const samples = [
      2957.6399999999994,
      0.1 + 0.2,
      -0.1234567890123,
      1234567890123456,
      123456789012345.6,
      1e21,
      1e-7,
      -5e-7,
      0.000001,
      99999999999999.98,
      0,
      -0,
    ];
    for (let i = 0; i < 20_000; i++) {
      const scale = 10 ** Math.floor(rand() * 24 - 8);
      const amount = Math.round((rand() - 0.3) * 10 ** Math.floor(rand() * 16)) / 100;
      samples.push(
        (rand() - 0.3) * scale,
        Math.round((rand() - 0.3) * 1e6) / 100,
        Math.round(rand() * 1e4) / 1000,
        // Sums of amounts, and amounts a few units in the last place off (either way).
        amount + Math.round(rand() * 1e5) / 100 + Math.round(rand() * 1e5) / 100,
        amount * (1 + Math.round((rand() - 0.5) * 8) * 2 ** -52),
      );
    }
    samples.push(999.9999999999999, 1000.0000000000001, 4.999999999999999, -0.30000000000000004);
    for (const n of samples) expect(numberText(n)).toBe(formatNumber(n));
  });
});
