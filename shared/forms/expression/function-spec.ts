import type { EvalEnv } from './context';
import type { Value } from './values';

export type FunctionSpec = {
  readonly min: number;
  /** Infinity for variadic functions (concat, join, max, …). */
  readonly max: number;
  /**
   * Node-set functions: each ${name} argument arrives as every value of that question across repeat
   * instances, flattened into one list ('all'), or all but the first argument ('rest': join).
   */
  readonly nodes?: 'all' | 'rest';
  run(ctx: EvalEnv, args: readonly Value[]): Value;
};

export type FunctionTable = Record<string, FunctionSpec>;

/** A fixed-arity function of plain values. */
export function fn(arity: number, run: FunctionSpec['run'], optional = 0): FunctionSpec {
  return { min: arity, max: arity + optional, run };
}

/** The i-th argument, or '' when it was not given. */
export function arg(args: readonly Value[], i: number): Value {
  return args[i] ?? '';
}
