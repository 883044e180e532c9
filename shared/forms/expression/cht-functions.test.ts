import { describe, expect, test } from 'vitest';
import { evaluateExpression, parseExpression, type Value } from '.';

const run = (src: string, answers: Record<string, Value> = {}): Value =>
  evaluateExpression(parseExpression(src), {
    current: '',
    lookup: (name) => answers[name] ?? '',
    today: () => '2026-11-01',
    utcOffset: () => -6 * 60,
    now: () => Date.parse('2026-11-01T10:30:00-06:00'),
  });

describe("CHT's date differences", () => {
  test.each([
    ['2015-10-01', '2015-10-01', 0],
    ['2015-09-01', '2015-10-01', 1],
    ['2015-09-02', '2015-10-01', 0],
    ['2014-10-02', '2015-10-01', 11],
    ['2015-10-01', '2014-10-01', -12],
    ['2015-10-01', '2014-10-02', -11],
  ])('cht:difference-in-months(%s, %s) is %d, as CHT tests it', (a, b, months) => {
    expect(run('cht:difference-in-months(${a}, ${b})', { a, b })).toBe(months);
  });

  test('days, weeks and years count whole units, truncated toward zero', () => {
    const answers = { a: '2024-02-27', b: '2026-03-12' };
    expect(run('cht:difference-in-days(${a}, ${b})', answers)).toBe(744);
    expect(run('cht:difference-in-weeks(${a}, ${b})', answers)).toBe(106);
    expect(run('cht:difference-in-years(${a}, ${b})', answers)).toBe(2);
    expect(run('cht:difference-in-weeks(${b}, ${a})', answers)).toBe(-106);
    expect(run('cht:difference-in-days(${a}, today())', answers)).toBe(978);
  });

  test('a missing or malformed date gives no answer', () => {
    expect(run('cht:difference-in-days(${a}, ${b})', { a: '2026-01-01' })).toBe('');
    expect(run("cht:difference-in-years('ayer', today())")).toBe('');
  });
});
