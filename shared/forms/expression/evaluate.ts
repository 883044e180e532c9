import type { BinaryOperator, Expr } from './ast';
import { offsetOf, type EvalEnv } from './context';
import { functionSpec, isStructural, type FunctionName } from './functions';
import { compareValues, toBoolean, toNumber, valuesEqual, type Value } from './values';

export type { EvalEnv } from './context';

/** An expression turned into a function of its environment. */
type Evaluator = (env: EvalEnv) => Value;

// Parsed expressions never change, and a form evaluates each of them for every record it checks:
// each is turned once into closures, so evaluating it walks no tree and looks up no function.
const evaluators = new WeakMap<Expr, Evaluator>();

/**
 * Evaluates a parsed expression. Numbers are IEEE doubles throughout, as in ODK and Enketo; an
 * empty answer in arithmetic is NaN, as there (use coalesce(${x}, 0) to count it as 0).
 */
export function evaluateExpression(expr: Expr, env: EvalEnv): Value {
  let evaluator = evaluators.get(expr);
  if (evaluator === undefined) {
    evaluator = compile(expr);
    evaluators.set(expr, evaluator);
  }
  return evaluator(env);
}

function compile(expr: Expr): Evaluator {
  switch (expr.kind) {
    case 'literal': {
      const { value } = expr;
      return () => value;
    }
    case 'ref': {
      const { name } = expr;
      return (env) => env.lookup(name);
    }
    case 'current':
      return (env) => env.current;
    // The parser lets `..` through only as position()'s argument, which never evaluates it.
    case 'parent':
      return () => '';
    case 'negate': {
      const operand = compile(expr.operand);
      return (env) => -toNumber(operand(env), offsetOf(env));
    }
    case 'call':
      return isStructural(expr.name) ? structural(expr.name, expr.args) : call(expr.name, expr.args);
    case 'binary':
      return binary(expr.op, compile(expr.left), compile(expr.right));
  }
}

function structural(name: 'position' | 'indexed-repeat', args: readonly Expr[]): Evaluator {
  const [first] = args;
  if (name === 'position') {
    const levels = first?.kind === 'parent' ? first.levels : 1;
    return (env) => env.position?.(levels) ?? 1;
  }
  const target = refName(first);
  const repeats: [repeat: string, index: Evaluator][] = [];
  for (let i = 1; i + 1 < args.length; i += 2) repeats.push([refName(args[i]), compile(args[i + 1] as Expr)]);
  return (env) => {
    const instances = repeats.map(
      ([repeat, index]) => [repeat, toNumber(index(env), offsetOf(env))] as const,
    );
    return env.indexedRepeat?.(target, instances) ?? '';
  };
}

function call(name: Exclude<FunctionName, 'position' | 'indexed-repeat'>, args: readonly Expr[]): Evaluator {
  const spec = functionSpec(name);
  const parts = args.map(compile);
  if (spec.nodes === undefined) {
    // Most calls take one or two arguments: no list to map for those.
    const [a, b] = parts;
    if (parts.length === 1 && a) return (env) => spec.run(env, [a(env)]);
    if (parts.length === 2 && a && b) return (env) => spec.run(env, [a(env), b(env)]);
    return (env) =>
      spec.run(
        env,
        parts.map((part) => part(env)),
      );
  }
  // A node-set argument is every value of the question across repeat instances.
  const nodeSets = args.map((a, i) =>
    a.kind === 'ref' && (spec.nodes === 'all' || i > 0) ? a.name : undefined,
  );
  return (env) => {
    const values: Value[] = [];
    parts.forEach((part, i) => {
      const nodeSet = nodeSets[i];
      if (nodeSet !== undefined && env.lookupAll) values.push(...env.lookupAll(nodeSet));
      else values.push(part(env));
    });
    return spec.run(env, values);
  };
}

function refName(expr: Expr | undefined): string {
  return expr?.kind === 'ref' ? expr.name : '';
}

function binary(op: BinaryOperator, left: Evaluator, right: Evaluator): Evaluator {
  switch (op) {
    // and/or short-circuit, as in XPath.
    case 'and':
      return (env) => toBoolean(left(env)) && toBoolean(right(env));
    case 'or':
      return (env) => toBoolean(left(env)) || toBoolean(right(env));
    case '=':
      return (env) => valuesEqual(left(env), right(env), offsetOf(env));
    case '!=':
      return (env) => !valuesEqual(left(env), right(env), offsetOf(env));
    case '<':
      return (env) => compareValues(left(env), right(env), offsetOf(env)) < 0;
    case '<=':
      return (env) => compareValues(left(env), right(env), offsetOf(env)) <= 0;
    case '>':
      return (env) => compareValues(left(env), right(env), offsetOf(env)) > 0;
    case '>=':
      return (env) => compareValues(left(env), right(env), offsetOf(env)) >= 0;
    case '+':
      return arithmetic(left, right, (a, b) => a + b);
    case '-':
      return arithmetic(left, right, (a, b) => a - b);
    case '*':
      return arithmetic(left, right, (a, b) => a * b);
    case 'div':
      return arithmetic(left, right, (a, b) => a / b);
    case 'mod':
      return arithmetic(left, right, (a, b) => a % b);
  }
}

function arithmetic(left: Evaluator, right: Evaluator, op: (a: number, b: number) => number): Evaluator {
  return (env) => {
    const a = left(env);
    const b = right(env);
    const offset = offsetOf(env);
    return op(toNumber(a, offset), toNumber(b, offset));
  };
}
