// Number, logic and aggregate functions. Results are IEEE doubles, as in ODK and Enketo; making
// them readable (2957.64, not 2957.6399999999994) is ../format-number.ts's job.
import { offsetOf } from './context';
import { arg, fn, type FunctionTable } from './function-spec';
import { toBoolean, toNumber, toText, type Value } from './values';

const math = (f: (x: number) => number) => fn(1, (_ctx, [x = '']) => f(toNumber(x)));

export const NUMBER_FUNCTIONS = {
  number: fn(0, (ctx, args) => toNumber(args[0] ?? ctx.current, offsetOf(ctx)), 1),
  int: fn(1, (ctx, [x = '']) => Math.trunc(toNumber(x, offsetOf(ctx))) + 0),
  round: fn(
    1,
    (_ctx, args) => round(toNumber(arg(args, 0)), args[1] === undefined ? 0 : toNumber(args[1])),
    1,
  ),
  floor: math(Math.floor),
  ceiling: math(Math.ceil),
  abs: math(Math.abs),
  sqrt: math(Math.sqrt),
  exp: math(Math.exp),
  exp10: math((x) => 10 ** x),
  log: math(Math.log),
  log10: math(Math.log10),
  sin: math(Math.sin),
  cos: math(Math.cos),
  tan: math(Math.tan),
  asin: math(Math.asin),
  acos: math(Math.acos),
  atan: math(Math.atan),
  atan2: fn(2, (_ctx, [y = '', x = '']) => Math.atan2(toNumber(y), toNumber(x))),
  pi: fn(0, () => Math.PI),
  pow: fn(2, (_ctx, [x = '', y = '']) => toNumber(x) ** toNumber(y)),
  random: fn(0, () => Math.random()),
  boolean: fn(1, (_ctx, [x = '']) => toBoolean(x)),
  true: fn(0, () => true),
  false: fn(0, () => false),
  not: fn(1, (_ctx, [x = '']) => !toBoolean(x)),
  sum: {
    min: 1,
    max: 1,
    nodes: 'all',
    run: (ctx, items) => items.reduce<number>((s, v) => s + toNumber(v, offsetOf(ctx)), 0),
  },
  count: { min: 1, max: 1, nodes: 'all', run: (_ctx, items) => items.length },
  'count-non-empty': {
    min: 1,
    max: 1,
    nodes: 'all',
    run: (_ctx, items) => items.filter((v) => toText(v) !== '').length,
  },
  min: { min: 1, max: Infinity, nodes: 'all', run: (ctx, items) => extreme(items, offsetOf(ctx), Math.min) },
  max: { min: 1, max: Infinity, nodes: 'all', run: (ctx, items) => extreme(items, offsetOf(ctx), Math.max) },
  checklist: {
    min: 2,
    max: Infinity,
    run: (_ctx, [lo = '', hi = '', ...answers]) =>
      checklist(
        lo,
        hi,
        answers.map((a) => [a, 1]),
      ),
  },
  'weighted-checklist': {
    min: 2,
    max: Infinity,
    run: (_ctx, [lo = '', hi = '', ...pairs]) =>
      checklist(
        lo,
        hi,
        pairs.flatMap((a, i) => (i % 2 === 0 ? [[a, toNumber(pairs[i + 1] ?? 0)] as const] : [])),
      ),
  },
} satisfies FunctionTable;

// ODK round(): half away from zero, optionally to a number of decimal places (negative: tens, …).
function round(x: number, digits: number): number {
  if (!Number.isFinite(x) || Number.isNaN(digits)) return x;
  const places = Math.trunc(digits);
  // Scale through the decimal text so 23.7825 → 23.78 and 2.15 → 2.2, as a person would round.
  const scaled = Number(`${Math.abs(x)}e${places}`);
  const rounded = Math.sign(x) * Number(`${Math.round(scaled)}e${-places}`);
  return rounded || 0;
}

// min()/max() of nothing, or of anything that is not a number, is NaN.
function extreme(
  items: readonly Value[],
  offset: Parameters<typeof toNumber>[1],
  pick: (...n: number[]) => number,
): number {
  if (items.length === 0) return NaN;
  return pick(...items.map((v) => toNumber(v, offset)));
}

// checklist(min, max, …): whether the (weighted) count of true answers lies within [min, max];
// a negative bound is no bound.
function checklist(lo: Value, hi: Value, answers: readonly (readonly [Value, number])[]): boolean {
  const score = answers.reduce((s, [answer, weight]) => s + (toBoolean(answer) ? weight : 0), 0);
  const min = toNumber(lo);
  const max = toNumber(hi);
  return (min < 0 || score >= min) && (max < 0 || score <= max);
}
