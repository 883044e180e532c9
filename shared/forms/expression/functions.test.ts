import { describe, expect, test } from 'vitest';
import {
  collectReferences,
  evaluateExpression,
  ExpressionError,
  parseExpression,
  type EvalEnv,
  type Value,
} from '.';

const MEXICO_CITY = -6 * 60;

function run(src: string, answers: Record<string, Value> = {}, hooks: Partial<EvalEnv> = {}): Value {
  return evaluateExpression(parseExpression(src), {
    current: '',
    lookup: (name) => answers[name] ?? '',
    today: () => '2026-11-01',
    utcOffset: () => MEXICO_CITY,
    now: () => Date.parse('2026-11-01T10:30:00-06:00'),
    ...hooks,
  });
}

describe('dates are days since the epoch in arithmetic', () => {
  test('today() - ${born} counts whole days, and a date plus days is a date again', () => {
    expect(run('today() - ${d}', { d: '2026-10-01' })).toBe(31);
    expect(run('date(${d} + 30)', { d: '2026-10-01' })).toBe('2026-10-31');
    expect(run('(today() - ${d}) div 365.25 >= 18', { d: '2000-05-05' })).toBe(true);
  });

  test('an unanswered date is NaN in arithmetic, as in ODK and Enketo, and compares false', () => {
    expect(run('today() - ${d}')).toBeNaN();
    expect(run('today() - ${d} > 0')).toBe(false);
    expect(run('${a} + ${b}', { a: 2 })).toBeNaN();
    expect(run('${a} + coalesce(${b}, 0)', { a: 2 })).toBe(2);
  });

  test('dates compare with dates and date-times at the same instant', () => {
    expect(run("'2026-11-01' = '2026-11-01T00:00:00-06:00'")).toBe(true);
    expect(run('${d} < today()', { d: '2026-10-31' })).toBe(true);
  });

  test('now(), format-date(), decimal-date-time()', () => {
    expect(run('now()')).toBe('2026-11-01T10:30:00.000-06:00');
    expect(run("format-date(${d}, '%e %b %Y, %a')", { d: '2026-11-01' })).toBe('1 Nov 2026, Sun');
    expect(run("format-date-time(now(), '%H:%M')")).toBe('10:30');
    expect(run("decimal-date-time('1970-01-02T00:00:00Z')")).toBe(1);
    expect(run("date('2026-02-30')")).toBe('');
  });
});

describe('text and numbers', () => {
  test.each<[string, Value]>([
    ["concat('a', 1, true())", 'a1true'],
    ["substr('hello', 1, 4)", 'ell'],
    ["substring('12345', 2, 3)", '234'],
    ["translate('aabb', 'ab', 'ba')", 'bbaa'],
    ["normalize-space('  a   b ')", 'a b'],
    ["selected('a b', ' b ')", true],
    ["selected-at('a b c', 1)", 'b'],
    ["boolean-from-string('true')", true],
    ['round(2.15, 1)', 2.2],
    ['round(-1.5)', -2],
    ['int(-3.7)', -3],
    ['pow(2, 10)', 1024],
    ['max(1, 7, 3)', 7],
    ["join(', ', 'a', 'b')", 'a, b'],
    ["digest('abc', 'SHA-256', 'hex')", 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ["distance('0 0;0 1')", 111318.85],
  ])('%s is %j', (src, expected) => {
    expect(run(src)).toEqual(expected);
  });

  test('uuid() is a version 4 UUID and uuid(n) n characters', () => {
    expect(run('uuid()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(String(run('uuid(12)'))).toHaveLength(12);
  });
});

describe('hooks the form engine provides', () => {
  test('node-set functions range over every repeat instance through lookupAll', () => {
    const lookupAll = (name: string): Value[] => (name === 'edad' ? [30, '', 12] : [name]);
    expect(run('sum(${edad})', {}, { lookupAll })).toBeNaN();
    expect(run('count(${edad})', {}, { lookupAll })).toBe(3);
    expect(run('count-non-empty(${edad})', {}, { lookupAll })).toBe(2);
    expect(run('max(${edad})', {}, { lookupAll: () => [30, 12] })).toBe(30);
    expect(run("join('|', ${edad})", {}, { lookupAll })).toBe('30||12');
    expect(run('count(${edad})')).toBe(1);
  });

  test('position(..) and indexed-repeat() ask the engine; ../name reads like ${name}', () => {
    const levels: number[] = [];
    expect(run('position(../..)', {}, { position: (n) => (levels.push(n), 4) })).toBe(4);
    expect(levels).toEqual([2]);
    const indexedRepeat = (name: string, at: readonly (readonly [string, number])[]): Value =>
      `${name}@${at.map(([r, i]) => `${r}${i}`).join(',')}`;
    expect(run('indexed-repeat(${nombre}, ${personas}, 1 + 1)', {}, { indexedRepeat })).toBe(
      'nombre@personas2',
    );
    expect(run('../edad + 1', { edad: 41 })).toBe(42);
    expect(collectReferences(parseExpression('../edad > ${min}'))).toEqual(['edad', 'min']);
  });

  test('jr:choice-name() asks for the label; once() keeps a stored answer', () => {
    const choiceLabel = (q: string, c: string): string => `${q}:${c}`;
    expect(run("jr:choice-name(${m}, '${m}')", { m: 'mx' }, { choiceLabel })).toBe('m:mx');
    expect(run('once(uuid(4))', {}, { current: 'kept' })).toBe('kept');
    expect(String(run('once(uuid(4))'))).toHaveLength(4);
  });
});

describe('regex() cannot hang a kiosk', () => {
  // A backtracking engine tries about 2^50000 ways on each of these before saying no: returning at
  // all is the proof that the engine is linear.
  const evil = 'a'.repeat(50_000) + 'b';

  test.each([
    ['(a+)+$', 'aa'],
    ['^(a|a)*$', 'aaa'],
    ['^(a|aa)+$', 'aaaa'],
    ['(a*)*c$', 'ac'],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', 'abAb'],
  ])('the classic evil pattern %s: false at once on 50,000 letters, true on %s', (pattern, matching) => {
    expect(run('regex(., ${p})', { p: pattern }, { current: evil })).toBe(false);
    expect(run('regex(., ${p})', { p: pattern }, { current: matching })).toBe(true);
  });

  test('long answers are checked whole: nothing is refused for its length', () => {
    const email = "regex(., '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')";
    expect(run(email, {}, { current: `${'a'.repeat(200_000)}@b.mx` })).toBe(true);
    expect(run(email, {}, { current: `${'a'.repeat(200_000)}@b` })).toBe(false);
  });

  test('a repeated group that itself repeats is an ordinary pattern (the corpus phone number)', () => {
    const phone = "regex(., '^(([0-9]{1})*[- .(]*([0-9]{3})[- .)]*[0-9]{3}[- .]*[0-9]{4})+$')";
    expect(run(phone, {}, { current: '(555) 123-4567' })).toBe(true);
    expect(run(phone, {}, { current: '555 123 45' })).toBe(false);
  });

  test('backreferences and look-arounds are refused when the form loads, naming the feature and where', () => {
    const refusal = (pattern: string) => {
      try {
        parseExpression(`regex(., '${pattern}')`);
      } catch (err) {
        if (err instanceof ExpressionError) return err.message;
      }
      return 'accepted';
    };
    expect(refusal('(\\w)\\1')).toMatch(/backreferences \("\\1" at character 5\) are not supported/);
    expect(refusal('(?<y>a)\\k<y>')).toMatch(/named backreferences \("\\k<" at character 8\)/);
    expect(refusal('a(?=b)')).toMatch(/look-aheads \("\(\?=" at character 2\)/);
    expect(refusal('a(?!b)')).toMatch(/look-aheads \("\(\?!" at character 2\)/);
    expect(refusal('(?<=a)b')).toMatch(/look-behinds \("\(\?<=" at character 1\)/);
    expect(refusal('[\\(?=]x')).toBe('accepted');
    expect(run('regex(., ${p})', { p: '(a)\\1' }, { current: 'aa' })).toBe(false);
  });

  test('XML Schema and JavaScript spellings authors use keep working', () => {
    expect(run("regex(., '^\\-?\\d+$')", {}, { current: '-12' })).toBe(true);
    expect(run("regex(., '^\\u00e9$')", {}, { current: 'é' })).toBe(true);
    expect(run("regex(., '^(?:[A-Z]{2}-)?[0-9]+$')", {}, { current: 'MX-12' })).toBe(true);
    expect(run("regex(., 'b')", {}, { current: 'abc' })).toBe(true);
  });
});
