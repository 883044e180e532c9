import { describe, expect, test } from 'vitest';
import { collectReferences, evaluateExpression, ExpressionError, parseExpression, type Value } from '.';

const TODAY = '2026-11-01';

function run(src: string, answers: Record<string, Value> = {}, current: Value = ''): Value {
  return evaluateExpression(parseExpression(src), {
    current,
    lookup: (name) => answers[name] ?? '',
    today: () => TODAY,
  });
}

function parseError(src: string): ExpressionError {
  try {
    parseExpression(src);
  } catch (err) {
    if (err instanceof ExpressionError) return err;
    throw err;
  }
  throw new Error(`"${src}" parsed without error`);
}

describe('values', () => {
  test.each<[string, Value]>([
    ["'texto'", 'texto'],
    ['"it\'s"', "it's"],
    ['42', 42],
    ['3.25', 3.25],
    ['.5', 0.5],
  ])('literal %s', (src, expected) => {
    expect(run(src)).toBe(expected);
  });

  test('${name} reads the answer, and a missing answer is the empty string', () => {
    expect(run('${pais}', { pais: 'mx' })).toBe('mx');
    expect(run('${ pais }', { pais: 'mx' })).toBe('mx');
    expect(run('${estado}', { pais: 'mx' })).toBe('');
  });

  test('. is the current value', () => {
    expect(run('.', {}, 17)).toBe(17);
    expect(run('. + 1', {}, 17)).toBe(18);
  });
});

describe('comparison', () => {
  test.each<[string, Record<string, Value>, boolean]>([
    ["${pais} = 'mx'", { pais: 'mx' }, true],
    ["${pais} = 'mx'", { pais: 'us' }, false],
    ["${pais} != 'mx'", { pais: 'us' }, true],
    ["${pais} != 'mx'", {}, true],
    ['${n} = 5', { n: '5' }, true],
    ["'5.0' = 5", {}, true],
    ["'05' = '5'", {}, true],
    ["'a' = 'A'", {}, false],
    ["${correo} != ''", {}, false],
    ["${correo} != ''", { correo: 'a@b.mx' }, true],
    ['${n} = 0', {}, false],
    ["${m} = 'a b'", { m: ['a', 'b'] }, true],
    ['1 = 1 = 1', {}, true],
  ])('%s with %j is %s', (src, answers, expected) => {
    expect(run(src, answers)).toBe(expected);
  });

  test.each<[string, Value, boolean]>([
    ['. >= 1 and . <= 60', 1, true],
    ['. >= 1 and . <= 60', 60, true],
    ['. >= 1 and . <= 60', 61, false],
    ['. >= 1 and . <= 60', 0, false],
    ['. > 2', '10', true],
    ['. < 2', '10', false],
    ['. >= 0', '', false],
    ['. < 0', '', false],
    [". < 'abd'", 'abc', false],
    [". < '2026-10-01'", '2026-01-02', true],
    ['. <= today()', '2026-11-01', true],
    ['. <= today()', '2026-12-01', false],
  ])('%s with . = %j is %s', (src, current, expected) => {
    expect(run(src, {}, current)).toBe(expected);
  });
});

describe('logic', () => {
  test('and / or / not()', () => {
    expect(run('1 = 1 and 2 = 3')).toBe(false);
    expect(run('1 = 1 or 2 = 3')).toBe(true);
    expect(run("not(${a} = 'x')", { a: 'y' })).toBe(true);
    expect(run("not('')")).toBe(true);
    expect(run('not(0)')).toBe(true);
    expect(run('not(1)')).toBe(false);
  });

  test('and binds tighter than or', () => {
    expect(run('1 = 1 or 1 = 2 and 1 = 2')).toBe(true);
    expect(run('(1 = 1 or 1 = 2) and 1 = 2')).toBe(false);
  });

  test('and / or short-circuit', () => {
    const lookups: string[] = [];
    const env = { current: '', today: () => TODAY, lookup: (n: string) => (lookups.push(n), '') };
    evaluateExpression(parseExpression("1 = 2 and ${a} = 'x'"), env);
    evaluateExpression(parseExpression("1 = 1 or ${b} = 'x'"), env);
    expect(lookups).toEqual([]);
  });
});

describe('arithmetic', () => {
  test.each<[string, number]>([
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['10 - 2 - 3', 5],
    ['7 div 2', 3.5],
    ['7 mod 3', 1],
    ['-${n}', -5],
    ['- -2', 2],
    ['${n}-1', 4],
    ['${n} * 2 div 4', 2.5],
    ["'3' + 4", 7],
    ['1 div 0', Infinity],
  ])('%s = %d', (src, expected) => {
    expect(run(src, { n: 5 })).toBe(expected);
  });

  test('numbers stay IEEE doubles, as in ODK and Enketo: readable digits are a formatting matter', () => {
    expect(run('0.1 + 0.2')).toBe(0.1 + 0.2);
    expect(run('${a} + ${b} + ${c}', { a: 2107.24, b: 420.2, c: 430.2 })).toBe(2107.24 + 420.2 + 430.2);
    expect(run('1 div 3')).toBe(1 / 3);
  });

  test("'' in arithmetic gives NaN, and NaN compares false", () => {
    expect(run('${x} + 1')).toBeNaN();
    expect(run("'abc' * 2")).toBeNaN();
    expect(run('${x} + 1 > 0')).toBe(false);
    expect(run('${x} + 1 <= 0')).toBe(false);
  });
});

describe('functions', () => {
  const m: Record<string, Value> = { m: ['redes', 'otro'] };

  test('selected()', () => {
    expect(run("selected(${m}, 'otro')", m)).toBe(true);
    expect(run("selected(${m}, 'radio_tv')", m)).toBe(false);
    expect(run("selected(${m}, 'otro')")).toBe(false);
    expect(run("selected('a b', 'b')")).toBe(true);
  });

  test('count-selected()', () => {
    expect(run('count-selected(${m})', m)).toBe(2);
    expect(run('count-selected(${m})')).toBe(0);
    expect(run("count-selected(' a  b ')")).toBe(2);
  });

  test('string-length() counts characters, including accents and emoji as one each', () => {
    expect(run('string-length(.)', {}, 'héllo')).toBe(5);
    expect(run('string-length(.)', {}, '😀a')).toBe(2);
    expect(run('string-length(.)', {}, '')).toBe(0);
    expect(run('string-length(${m})', m)).toBe('redes otro'.length);
    expect(run('string-length(.)', {}, 120)).toBe(3);
  });

  test('regex()', () => {
    const cct = "regex(., '^[0-9]{2}[A-Z]{3}[0-9]{4}[A-Z]$')";
    expect(run(cct, {}, '13DPR0001X')).toBe(true);
    expect(run(cct, {}, '13dpr0001x')).toBe(false);
    expect(run(cct, {}, '13DPR0001XY')).toBe(false);
    const email = "regex(., '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$')";
    expect(run(email, {}, 'ana@cultura.gob.mx')).toBe(true);
    expect(run(email, {}, 'ana @cultura.mx')).toBe(false);
  });

  test('regex() with a pattern from an answer that does not compile is false, not a crash', () => {
    expect(run('regex(., ${p})', { p: '([' }, 'abc')).toBe(false);
    expect(run('regex(., ${p})', { p: '^a' }, 'abc')).toBe(true);
  });

  test('coalesce()', () => {
    expect(run("coalesce(${a}, 'b')")).toBe('b');
    expect(run("coalesce(${a}, 'b')", { a: 'a' })).toBe('a');
    expect(run('coalesce(${a}, 0) + coalesce(${b}, 0)', { b: 2.5 })).toBe(2.5);
    expect(run('coalesce(${m}, 0)', { m: [] })).toBe(0);
  });

  test('today() comes from the environment', () => {
    expect(run('today()')).toBe(TODAY);
  });

  test('if()', () => {
    expect(run("if(${n} > 3, 'big', 'small')", { n: 5 })).toBe('big');
    expect(run("if(${n} > 3, 'big', 'small')", { n: 1 })).toBe('small');
    expect(run("if(${n}, 'yes', 'no')")).toBe('no');
  });
});

test('collectReferences lists each name once, in order', () => {
  expect(
    collectReferences(parseExpression("${b} + ${a} * if(${b} = 1, ${c}, .) and selected(${d}, 'x')")),
  ).toEqual(['b', 'a', 'c', 'd']);
  expect(collectReferences(parseExpression('. >= 1'))).toEqual([]);
});

describe('errors', () => {
  test.each<[string, string, number]>([
    ['foo(1)', 'unknown function "foo()" (at character 1)', 0],
    ["${a} = 1 and lang('es') = 'ab'", 'unknown function "lang()" (at character 14)', 13],
    [
      "jr:choice-name(${x}, 'y')",
      "jr:choice-name() takes the question as text: jr:choice-name(${q}, '${q}') (at character 22)",
      21,
    ],
    ['substr(${a})', 'substr() takes 2 to 3 arguments, not 1 (at character 1)', 0],
    ['join()', 'join() takes at least 1 argument, not 0 (at character 1)', 0],
    ['count(1)', 'count() counts the answers of a question: write count(${name}) (at character 7)', 6],
    ['position(1)', 'position() takes ".." (the repeat instance), as in position(..) (at character 10)', 9],
    ['.. = 1', '".." can only be given to position(); use ../name or ${name} (at character 1)', 0],
    ['selected(${x})', 'selected() takes 2 arguments, not 1 (at character 1)', 0],
    ['today(1)', 'today() takes 0 arguments, not 1 (at character 1)', 0],
    ['not()', 'not() takes 1 argument, not 0 (at character 1)', 0],
    ["if(1, 'a')", 'if() takes 3 arguments, not 2 (at character 1)', 0],
    ['${a} = ', 'expected a value but found the end of the expression (at character 8)', 7],
    ['', 'expected a value but found the end of the expression (at character 1)', 0],
    ["'abc", 'text in quotes is never closed (at character 1)', 0],
    ['${a', '"${" is never closed with "}" (at character 1)', 0],
    ['${1a} = 1', '"${1a}" does not name a question (at character 1)', 0],
    ['1 + # 2', 'unexpected character "#" (at character 5)', 4],
    ['(1 + 2', 'expected ")" but found the end of the expression (at character 7)', 6],
    ['1 2', 'unexpected "2" after a complete expression (at character 3)', 2],
    ['selected(${a} ${b})', 'expected ")" but found "${b}" (at character 15)', 14],
    ["pais = 'mx'", 'unexpected word "pais"; refer to a question as ${pais} (at character 1)', 0],
    ['1 * * 2', 'expected a value but found "*" (at character 5)', 4],
  ])('%s', (src, message, position) => {
    const err = parseError(src);
    expect(err.message).toBe(message);
    expect(err.position).toBe(position);
  });

  test('an invalid regular expression literal is refused at its position', () => {
    const err = parseError("regex(., '[a-')");
    expect(err.message).toMatch(/^invalid regular expression: .*\[a-.* \(at character 10\)$/);
    expect(err.position).toBe(9);
  });

  test('pathological nesting is refused instead of overflowing the stack', () => {
    const err = parseError(`${'('.repeat(100)}1${')'.repeat(100)}`);
    expect(err.detail).toBe('expression is nested too deeply');
    expect(parseExpression(`${'('.repeat(30)}1${')'.repeat(30)}`)).toEqual({
      kind: 'literal',
      value: 1,
      pos: 30,
    });
  });
});
