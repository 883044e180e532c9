// regex(): JavaScript regular expressions with two guards so a pattern cannot hang a kiosk.
// Backtracking is what makes a regex slow, and it needs either a long input or a quantified group
// that itself contains a quantifier ("(a+)+"); we bound the first and refuse the second.

/** Longer answers do not match: a kiosk answer checked by a pattern is a code, a name, an e-mail. */
export const REGEX_MAX_INPUT = 1000;

// Each distinct pattern is compiled once; patterns built from answers are bounded by clearing.
const PATTERN_CACHE_LIMIT = 256;
const patterns = new Map<string, RegExp | string>();

/** The compiled pattern, or the reason it is refused. */
export function compilePattern(source: string): RegExp | string {
  let pattern = patterns.get(source);
  if (pattern === undefined) {
    pattern = nestedQuantifier(source) ?? compile(source);
    if (patterns.size >= PATTERN_CACHE_LIMIT) patterns.clear();
    patterns.set(source, pattern);
  }
  return pattern;
}

/** regex(text, pattern): false for a refused pattern or an over-long text. */
export function testPattern(source: string, text: string): boolean {
  const pattern = compilePattern(source);
  return typeof pattern !== 'string' && text.length <= REGEX_MAX_INPUT && pattern.test(text);
}

function compile(source: string): RegExp | string {
  try {
    return new RegExp(source, 'u');
  } catch {
    // Patterns written for XML Schema / Java often escape characters 'u' mode refuses ("\-").
    try {
      return new RegExp(source);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }
}

const QUANTIFIER = /^(?:[*+?]|\{\d+(?:,\d*)?\})/;

const GROUP_PREFIX = /^\?(?:[:=!]|<[=!]|<[A-Za-z_]\w*>)/;

/** Why a pattern could backtrack exponentially (a repeated group holding a quantifier, a backreference). */
function nestedQuantifier(source: string): string | undefined {
  // For each open group: whether it contains a quantifier.
  const open: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (!inClass && /[1-9k]/.test(source[i + 1] ?? '')) return 'backreferences are not supported';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') {
      open.push(false);
      i += GROUP_PREFIX.exec(source.slice(i + 1))?.[0].length ?? 0;
    } else if (c === ')') {
      const risky = open.pop() ?? false;
      if (risky && QUANTIFIER.test(source.slice(i + 1)) && source[i + 1] !== '?') {
        return 'a repeated group that itself repeats can take forever to check; simplify the pattern';
      }
      if (risky && open.length > 0) open[open.length - 1] = true;
    } else if (QUANTIFIER.test(source.slice(i)) && open.length > 0) {
      open[open.length - 1] = true;
    }
  }
  return undefined;
}
