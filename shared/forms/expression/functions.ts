// The XPath functions our forms may call. Anything else is refused when the form loads.
import type { EvalEnv } from './evaluate';
import { toBoolean, toList, toText, type Value } from './values';

type FunctionSpec = {
  arity: number;
  /** Arguments beyond `arity` are never passed; missing ones arrive as ''. */
  run(env: EvalEnv, a: Value, b: Value, c: Value): Value;
};

const FUNCTIONS = {
  selected: { arity: 2, run: (_env, list, choice) => toList(list).includes(toText(choice)) },
  'count-selected': { arity: 1, run: (_env, list) => toList(list).length },
  'string-length': { arity: 1, run: (_env, s) => codePointLength(toText(s)) },
  regex: {
    arity: 2,
    run: (_env, s, source) => {
      const pattern = compilePattern(toText(source));
      return typeof pattern !== 'string' && pattern.test(toText(s));
    },
  },
  coalesce: { arity: 2, run: (_env, a, b) => (toText(a) !== '' ? a : b) },
  today: { arity: 0, run: (env) => env.today() },
  if: { arity: 3, run: (_env, condition, then, otherwise) => (toBoolean(condition) ? then : otherwise) },
  not: { arity: 1, run: (_env, x) => !toBoolean(x) },
} satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

export function isFunctionName(name: string): name is FunctionName {
  return Object.hasOwn(FUNCTIONS, name);
}

export function functionSpec(name: FunctionName): FunctionSpec {
  return FUNCTIONS[name];
}

// Characters as a person counts them: an emoji is one, not two UTF-16 units.
function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) n++;
  }
  return n;
}

// Each distinct pattern is compiled once; patterns built from answers are bounded by clearing.
const PATTERN_CACHE_LIMIT = 256;
const patterns = new Map<string, RegExp | string>();

/** The compiled pattern, or the reason it does not compile. */
export function compilePattern(source: string): RegExp | string {
  let pattern = patterns.get(source);
  if (pattern === undefined) {
    try {
      pattern = new RegExp(source);
    } catch (err) {
      pattern = err instanceof Error ? err.message : String(err);
    }
    if (patterns.size >= PATTERN_CACHE_LIMIT) patterns.clear();
    patterns.set(source, pattern);
  }
  return pattern;
}
