import type { BinaryOperator, Expr } from './ast';
import { functionSpec } from './functions';
import { compareValues, toBoolean, toNumber, valuesEqual, type Value } from './values';

/** What an expression can see: the answers by name, the question's own value and the date. */
export type EvalEnv = {
  /** The value of `.`: the question the expression belongs to. */
  readonly current: Value;
  /** The value of ${name}; '' when unanswered or not relevant. */
  lookup(name: string): Value;
  /** Today's date as YYYY-MM-DD. */
  today(): string;
};

export function evaluateExpression(expr: Expr, env: EvalEnv): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'ref':
      return env.lookup(expr.name);
    case 'current':
      return env.current;
    case 'negate':
      return -toNumber(evaluateExpression(expr.operand, env));
    case 'call': {
      const [a, b, c] = expr.args;
      return functionSpec(expr.name).run(
        env,
        a === undefined ? '' : evaluateExpression(a, env),
        b === undefined ? '' : evaluateExpression(b, env),
        c === undefined ? '' : evaluateExpression(c, env),
      );
    }
    case 'binary':
      switch (expr.op) {
        // and/or short-circuit, as in XPath.
        case 'and':
          return (
            toBoolean(evaluateExpression(expr.left, env)) && toBoolean(evaluateExpression(expr.right, env))
          );
        case 'or':
          return (
            toBoolean(evaluateExpression(expr.left, env)) || toBoolean(evaluateExpression(expr.right, env))
          );
        default:
          return applyOperator(
            expr.op,
            evaluateExpression(expr.left, env),
            evaluateExpression(expr.right, env),
          );
      }
  }
}

function applyOperator(op: Exclude<BinaryOperator, 'and' | 'or'>, a: Value, b: Value): Value {
  switch (op) {
    case '=':
      return valuesEqual(a, b);
    case '!=':
      return !valuesEqual(a, b);
    case '<':
      return compareValues(a, b) < 0;
    case '<=':
      return compareValues(a, b) <= 0;
    case '>':
      return compareValues(a, b) > 0;
    case '>=':
      return compareValues(a, b) >= 0;
    case '+':
      return decimal(toNumber(a) + toNumber(b));
    case '-':
      return decimal(toNumber(a) - toNumber(b));
    case '*':
      return decimal(toNumber(a) * toNumber(b));
    case 'div':
      return decimal(toNumber(a) / toNumber(b));
    case 'mod':
      return decimal(toNumber(a) % toNumber(b));
  }
}

/**
 * Binary floating point leaves noise in decimal sums (850.5 + 0.1 → 850.6000000000000227…), and
 * a calculated answer is stored and exported as it comes out: 15 significant digits, all a double
 * holds exactly, give statisticians 850.6.
 */
const decimal = (n: number): number => (Number.isFinite(n) ? Number(n.toPrecision(15)) : n);
