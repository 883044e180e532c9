import type { BinaryOperator, Expr } from './ast';
import { ExpressionError } from './expression-error';
import { compilePattern, functionSpec, isFunctionName } from './functions';
import { tokenize, type Token } from './lexer';

// Deep enough for any real form; stops a pathological expression from exhausting the stack.
const MAX_DEPTH = 64;

// XPath precedence, loosest first; each level is left-associative.
const LEVELS: readonly (readonly BinaryOperator[])[] = [
  ['or'],
  ['and'],
  ['=', '!='],
  ['<', '<=', '>', '>='],
  ['+', '-'],
  ['*', 'div', 'mod'],
];
const WORD_OPERATORS = new Set<string>(['or', 'and', 'div', 'mod']);

/** Parses an XLSForm expression, refusing unknown functions, wrong arity and invalid regex literals. */
export function parseExpression(src: string): Expr {
  const tokens = tokenize(src);
  let at = 0;
  let depth = 0;

  const peek = (): Token => tokens[at] as Token;
  const next = (): Token => tokens[at++] as Token;
  const describe = (t: Token): string => {
    if (t.kind === 'end') return 'the end of the expression';
    const following = tokens[tokens.indexOf(t) + 1] ?? t;
    return `"${src.slice(t.pos, following.pos).trim()}"`;
  };

  const isSymbol = (t: Token, symbol: string): boolean => t.kind === 'symbol' && t.symbol === symbol;
  const expect = (symbol: string): void => {
    const t = next();
    if (!isSymbol(t, symbol))
      throw new ExpressionError(`expected "${symbol}" but found ${describe(t)}`, t.pos);
  };
  const operatorAt = (level: readonly BinaryOperator[]): BinaryOperator | undefined => {
    const t = peek();
    const text =
      t.kind === 'symbol' ? t.symbol : t.kind === 'name' && WORD_OPERATORS.has(t.name) ? t.name : undefined;
    return level.find((op) => op === text);
  };

  const parseLevel = (level: number): Expr => {
    const ops = LEVELS[level];
    if (ops === undefined) return parseUnary();
    let left = parseLevel(level + 1);
    for (let op = operatorAt(ops); op !== undefined; op = operatorAt(ops)) {
      const pos = next().pos;
      left = { kind: 'binary', op, left, right: parseLevel(level + 1), pos };
    }
    return left;
  };

  const parseUnary = (): Expr => {
    const t = peek();
    if (++depth > MAX_DEPTH) throw new ExpressionError('expression is nested too deeply', t.pos);
    let expr: Expr;
    if (isSymbol(t, '-')) {
      next();
      expr = { kind: 'negate', operand: parseUnary(), pos: t.pos };
    } else {
      expr = parsePrimary();
    }
    depth--;
    return expr;
  };

  const parsePrimary = (): Expr => {
    const t = next();
    switch (t.kind) {
      case 'number':
      case 'string':
        return { kind: 'literal', value: t.value, pos: t.pos };
      case 'ref':
        return { kind: 'ref', name: t.name, pos: t.pos };
      case 'current':
        return { kind: 'current', pos: t.pos };
      case 'name':
        return parseCall(t);
      case 'symbol':
        if (t.symbol === '(') {
          const inner = parseLevel(0);
          expect(')');
          return inner;
        }
        break;
      case 'end':
        break;
    }
    throw new ExpressionError(`expected a value but found ${describe(t)}`, t.pos);
  };

  const parseCall = (t: Token & { kind: 'name' }): Expr => {
    if (!isSymbol(peek(), '(')) {
      throw new ExpressionError(`unexpected word "${t.name}"; refer to a question as \${${t.name}}`, t.pos);
    }
    if (!isFunctionName(t.name)) throw new ExpressionError(`unknown function "${t.name}()"`, t.pos);
    next();
    const args: Expr[] = [];
    if (!isSymbol(peek(), ')')) {
      args.push(parseLevel(0));
      while (isSymbol(peek(), ',')) {
        next();
        args.push(parseLevel(0));
      }
    }
    expect(')');
    const { arity } = functionSpec(t.name);
    if (args.length !== arity) {
      throw new ExpressionError(
        `${t.name}() takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`,
        t.pos,
      );
    }
    const pattern = args[1];
    if (t.name === 'regex' && pattern?.kind === 'literal') {
      const compiled = compilePattern(String(pattern.value));
      if (typeof compiled === 'string')
        throw new ExpressionError(`invalid regular expression: ${compiled}`, pattern.pos);
    }
    return { kind: 'call', name: t.name, args, pos: t.pos };
  };

  const expr = parseLevel(0);
  const rest = peek();
  if (rest.kind !== 'end')
    throw new ExpressionError(`unexpected ${describe(rest)} after a complete expression`, rest.pos);
  return expr;
}
