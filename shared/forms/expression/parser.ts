import type { BinaryOperator, Expr } from './ast';
import { ExpressionError } from './expression-error';
import { functionArity, isFunctionName, type FunctionName } from './functions';
import { compilePattern } from './regex';
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
      case 'parent':
        throw new ExpressionError('".." can only be given to position(); use ../name or ${name}', t.pos);
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
      args.push(parseArgument(t.name));
      while (isSymbol(peek(), ',')) {
        next();
        args.push(parseArgument(t.name));
      }
    }
    expect(')');
    const { min, max } = functionArity(t.name);
    if (args.length < min || args.length > max) {
      const takes = min === max ? String(min) : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      throw new ExpressionError(
        `${t.name}() takes ${takes} argument${/(^| )1$/.test(takes) ? '' : 's'}, not ${args.length}`,
        t.pos,
      );
    }
    const problem = argumentProblem(t.name, args);
    if (problem) throw new ExpressionError(problem.detail, problem.pos);
    return { kind: 'call', name: t.name, args, pos: t.pos };
  };

  // position() takes `..`; everything else a value.
  const parseArgument = (name: FunctionName): Expr => {
    const t = peek();
    if (name === 'position' && t.kind === 'parent') {
      next();
      return { kind: 'parent', levels: t.levels, pos: t.pos };
    }
    return parseLevel(0);
  };

  const expr = parseLevel(0);
  const rest = peek();
  if (rest.kind !== 'end')
    throw new ExpressionError(`unexpected ${describe(rest)} after a complete expression`, rest.pos);
  return expr;
}

const QUOTED_REF = /^\s*\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\s*$/;
// Node-set functions: a list needs a question to range over, not a value.
const NEEDS_REF = new Set<FunctionName>(['count', 'sum', 'count-non-empty']);

/** Arguments whose shape is wrong for their function, found when the form loads. */
function argumentProblem(name: FunctionName, args: Expr[]): { detail: string; pos: number } | undefined {
  const [first, second] = args;
  if (name === 'position' && first?.kind !== 'parent') {
    return {
      detail: 'position() takes ".." (the repeat instance), as in position(..)',
      pos: first?.pos ?? 0,
    };
  }
  if (NEEDS_REF.has(name) && first?.kind !== 'ref') {
    return {
      detail: `${name}() counts the answers of a question: write ${name}(\${name})`,
      pos: first?.pos ?? 0,
    };
  }
  if (name === 'indexed-repeat') {
    const badRef = args.find((a, i) => (i === 0 || i % 2 === 1) && a.kind !== 'ref');
    if (badRef || args.length % 2 === 0) {
      return {
        detail: 'indexed-repeat() takes ${question}, ${repeat}, index[, ${repeat}, index…]',
        pos: (badRef ?? first)?.pos ?? 0,
      };
    }
  }
  if (name === 'jr:choice-name') {
    // XLSForm writes the question as quoted text: jr:choice-name(${q}, '${q}').
    const quoted = second?.kind === 'literal' ? QUOTED_REF.exec(String(second.value)) : null;
    if (!quoted)
      return {
        detail: "jr:choice-name() takes the question as text: jr:choice-name(${q}, '${q}')",
        pos: second?.pos ?? 0,
      };
    args[1] = { kind: 'literal', value: quoted[1] as string, pos: (second as Expr).pos };
  }
  if (name === 'regex' && second?.kind === 'literal') {
    const compiled = compilePattern(String(second.value));
    if (typeof compiled === 'string')
      return { detail: `invalid regular expression: ${compiled}`, pos: second.pos };
  }
  return undefined;
}
