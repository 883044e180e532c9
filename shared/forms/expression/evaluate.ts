import type { BinaryOperator, Expr } from './ast';
import { offsetOf, type EvalEnv } from './context';
import { functionSpec, isStructural, type FunctionName } from './functions';
import { compareValues, toBoolean, toNumber, valuesEqual, type Value } from './values';

export type { EvalEnv } from './context';

/**
 * Evaluates a parsed expression. Numbers are IEEE doubles throughout, as in ODK and Enketo; an
 * empty answer in arithmetic is NaN, as there (use coalesce(${x}, 0) to count it as 0).
 */
export function evaluateExpression(expr: Expr, env: EvalEnv): Value {
  return evaluate(expr, env);
}

function evaluate(expr: Expr, ctx: EvalEnv): Value {
  switch (expr.kind) {
    case 'literal':
      return expr.value;
    case 'ref':
      return ctx.lookup(expr.name);
    case 'current':
      return ctx.current;
    // The parser lets `..` through only as position()'s argument, which never evaluates it.
    case 'parent':
      return '';
    case 'negate':
      return -toNumber(evaluate(expr.operand, ctx), offsetOf(ctx));
    case 'call':
      return call(expr.name, expr.args, ctx);
    case 'binary':
      switch (expr.op) {
        // and/or short-circuit, as in XPath.
        case 'and':
          return toBoolean(evaluate(expr.left, ctx)) && toBoolean(evaluate(expr.right, ctx));
        case 'or':
          return toBoolean(evaluate(expr.left, ctx)) || toBoolean(evaluate(expr.right, ctx));
        default:
          return applyOperator(expr.op, evaluate(expr.left, ctx), evaluate(expr.right, ctx), ctx);
      }
  }
}

function call(name: FunctionName, args: readonly Expr[], ctx: EvalEnv): Value {
  const env = ctx;
  if (isStructural(name)) {
    const [first] = args;
    if (name === 'position') return env.position?.(first?.kind === 'parent' ? first.levels : 1) ?? 1;
    const instances: (readonly [string, number])[] = [];
    for (let i = 1; i + 1 < args.length; i += 2) {
      instances.push([refName(args[i]), toNumber(evaluate(args[i + 1] as Expr, ctx), offsetOf(ctx))]);
    }
    return env.indexedRepeat?.(refName(first), instances) ?? '';
  }
  const spec = functionSpec(name);
  if (spec.nodes === undefined)
    return spec.run(
      ctx,
      args.map((a) => evaluate(a, ctx)),
    );
  const values: Value[] = [];
  args.forEach((a, i) => {
    if (a.kind === 'ref' && env.lookupAll && (spec.nodes === 'all' || i > 0))
      values.push(...env.lookupAll(a.name));
    else values.push(evaluate(a, ctx));
  });
  return spec.run(ctx, values);
}

function refName(expr: Expr | undefined): string {
  return expr?.kind === 'ref' ? expr.name : '';
}

function applyOperator(op: Exclude<BinaryOperator, 'and' | 'or'>, a: Value, b: Value, env: EvalEnv): Value {
  const offset = offsetOf(env);
  switch (op) {
    case '=':
      return valuesEqual(a, b, offset);
    case '!=':
      return !valuesEqual(a, b, offset);
    case '<':
      return compareValues(a, b, offset) < 0;
    case '<=':
      return compareValues(a, b, offset) <= 0;
    case '>':
      return compareValues(a, b, offset) > 0;
    case '>=':
      return compareValues(a, b, offset) >= 0;
    case '+':
      return toNumber(a, offset) + toNumber(b, offset);
    case '-':
      return toNumber(a, offset) - toNumber(b, offset);
    case '*':
      return toNumber(a, offset) * toNumber(b, offset);
    case 'div':
      return toNumber(a, offset) / toNumber(b, offset);
    case 'mod':
      return toNumber(a, offset) % toNumber(b, offset);
  }
}
