import { ExpressionError } from './expression-error';

export type Token =
  | { kind: 'ref'; name: string; pos: number }
  | { kind: 'current'; pos: number }
  /** `..` or `../..`: a repeat instance, for position(). */
  | { kind: 'parent'; levels: number; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; pos: number }
  /** A bare XPath name: a function name, or the operators and / or / div / mod. */
  | { kind: 'name'; name: string; pos: number }
  | { kind: 'symbol'; symbol: Punctuator; pos: number }
  | { kind: 'end'; pos: number };

export type Punctuator = '=' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '(' | ')' | ',';

const REF_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const NUMBER = /\d+(?:\.\d*)?|\.\d+/y;
const NAME = /[A-Za-z_][A-Za-z0-9_:-]*/y;
// ../name, ../../name or a bare ../..: relative paths as XLSForm repeats use them.
const RELATIVE = /((?:\.\.\/)*\.\.)(?:\/([A-Za-z_][A-Za-z0-9_.-]*))?/y;
const TWO_CHAR_SYMBOLS = new Set(['!=', '<=', '>=']);
const ONE_CHAR_SYMBOLS = new Set(['=', '<', '>', '+', '-', '*', '(', ')', ',']);

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const start = i;
    if (c === '$' && src[i + 1] === '{') {
      const close = src.indexOf('}', i + 2);
      if (close < 0) throw new ExpressionError('"${" is never closed with "}"', start);
      const name = src.slice(i + 2, close).trim();
      if (!REF_NAME.test(name)) throw new ExpressionError(`"\${${name}}" does not name a question`, start);
      tokens.push({ kind: 'ref', name, pos: start });
      i = close + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      const close = src.indexOf(c, i + 1);
      if (close < 0) throw new ExpressionError('text in quotes is never closed', start);
      tokens.push({ kind: 'string', value: src.slice(i + 1, close), pos: start });
      i = close + 1;
      continue;
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(src);
    if (number) {
      tokens.push({ kind: 'number', value: Number(number[0]), pos: start });
      i += number[0].length;
      continue;
    }
    if (c === '.' && src[i + 1] === '.') {
      RELATIVE.lastIndex = i;
      const path = RELATIVE.exec(src) as RegExpExecArray;
      const levels = (path[1] as string).split('/').length;
      tokens.push(
        path[2] === undefined
          ? { kind: 'parent', levels, pos: start }
          : { kind: 'ref', name: path[2], pos: start },
      );
      i += path[0].length;
      continue;
    }
    if (c === '.') {
      tokens.push({ kind: 'current', pos: start });
      i++;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(src);
    if (name) {
      tokens.push({ kind: 'name', name: name[0], pos: start });
      i += name[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (TWO_CHAR_SYMBOLS.has(two)) {
      tokens.push({ kind: 'symbol', symbol: two as Punctuator, pos: start });
      i += 2;
      continue;
    }
    if (ONE_CHAR_SYMBOLS.has(c)) {
      tokens.push({ kind: 'symbol', symbol: c as Punctuator, pos: start });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character "${c}"`, start);
  }
  tokens.push({ kind: 'end', pos: src.length });
  return tokens;
}
