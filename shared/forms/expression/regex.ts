// regex(): RE2 (re2js), an engine whose time is linear in the answer's length, so no pattern and
// no answer can hang a kiosk. Like ODK Collect (Kotlin containsMatchIn) and Enketo (RegExp test),
// the pattern may match anywhere in the text; authors anchor with ^ and $.
import { RE2JS } from 're2js';

// Each distinct pattern is compiled once; patterns built from answers are bounded by clearing.
const PATTERN_CACHE_LIMIT = 256;
const patterns = new Map<string, RE2JS | string>();

/** The compiled pattern, or the reason it is refused. */
export function compilePattern(source: string): RE2JS | string {
  let pattern = patterns.get(source);
  if (pattern === undefined) {
    pattern = unsupportedFeature(source) ?? compile(source);
    if (patterns.size >= PATTERN_CACHE_LIMIT) patterns.clear();
    patterns.set(source, pattern);
  }
  return pattern;
}

/** regex(text, pattern): false for a refused pattern. */
export function testPattern(source: string, text: string): boolean {
  const pattern = compilePattern(source);
  return typeof pattern !== 'string' && pattern.test(text);
}

function compile(source: string): RE2JS | string {
  try {
    // translateRegExp turns JavaScript-only spellings (\u0041, \cA, (?<name>…)) into RE2's.
    return RE2JS.compile(RE2JS.translateRegExp(source));
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** What RE2 cannot do in linear time, by the spelling that starts it. */
const UNSUPPORTED: readonly { start: RegExp; feature: string }[] = [
  { start: /^\\[1-9]/, feature: 'backreferences' },
  { start: /^\\k</, feature: 'named backreferences' },
  { start: /^\(\?[=!]/, feature: 'look-aheads' },
  { start: /^\(\?<[=!]/, feature: 'look-behinds' },
];

/** Why RE2 refuses a pattern that JavaScript would take, naming the feature and where it starts. */
function unsupportedFeature(source: string): string | undefined {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    for (const { start, feature } of inClass ? [] : UNSUPPORTED) {
      const spelling = start.exec(source.slice(i, i + 4))?.[0];
      if (spelling !== undefined)
        return `${feature} ("${spelling}" at character ${i + 1}) are not supported: regex() checks an answer in time proportional to its length, and these cannot be`;
    }
    if (c === '\\') i++;
    else if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
  }
  return undefined;
}
