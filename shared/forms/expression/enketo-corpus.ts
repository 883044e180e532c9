// Runs Enketo's openrosa-xpath-evaluator assertions (../shared/xlsform-corpus/expressions/) through
// our evaluator. Cases that navigate XML (paths, axes, predicates, the context node of a test
// document) do not apply to a kiosk form and are left out.
import {
  ExpressionError,
  evaluateExpression,
  parseExpression,
  toBoolean,
  toNumber,
  toText,
  type Value,
} from '.';

type Special = { special: 'NaN' | 'Infinity' | '-Infinity' };
export type EnketoCase = {
  source: string;
  test: string;
  expr: string;
  kind: string;
  expected: unknown;
  how: string;
  doc: { kind: 'simple'; value: string } | { kind: 'xml'; xml: string };
  node: string | null;
};
export type EnketoFile = { extractedOn: string; cases: (EnketoCase | { error: string })[] };

const NODE = '/simple/xpath/to/node';
const EMPTY = '/simple/empty';
// Enketo's suite runs in America/Phoenix: UTC-7 all year.
const PHOENIX = -7 * 60;
const STRINGS = /"[^"]*"|'[^']*'/g;
const REFS = /\$\{[^}]*\}/g;
const OPERATOR_WORDS = new Set(['and', 'or', 'div', 'mod']);
// Functions that read the XML context node when called without arguments.
const CONTEXT_FUNCTIONS =
  /(?:^|[^\w-])(?:once|lang|node|last|position|name|local-name|namespace-uri)\s*\(|(?:string|number|string-length|normalize-space|concat)\s*\(\s*\)/;

/** The expression in our syntax, or undefined when it navigates XML. */
export function kioskExpression(c: EnketoCase): string | undefined {
  const expr = c.expr.split(NODE).join('${node}').split(EMPTY).join('${empty}');
  const bare = expr.replace(STRINGS, '""').replace(REFS, 'R');
  if (/[/@[\]|]|::|\.\./.test(bare)) return undefined;
  for (const word of bare.matchAll(/[A-Za-z_][\w:.-]*/g)) {
    const after = bare.slice((word.index ?? 0) + word[0].length).trimStart();
    if (!after.startsWith('(') && !OPERATOR_WORDS.has(word[0]) && word[0] !== 'R') return undefined;
  }
  // `*` as a node test: where an operand is expected rather than after one.
  if (/(?:^|[(,=<>!+\-*]|\b(?:and|or|div|mod))\s*\*/.test(bare)) return undefined;
  const contextual = c.doc.kind === 'xml' && c.node !== null && c.node !== '#document';
  if (contextual && (/(?:^|[^\d.])\.(?![\d.])/.test(bare) || CONTEXT_FUNCTIONS.test(bare))) return undefined;
  if (/(?:^|[^\w-])(?:lang|node)\s*\(/.test(bare) && c.kind !== 'throws') return undefined;
  return expr;
}

export type Outcome = { agrees: true } | { agrees: false; got: string };

export function runCase(c: EnketoCase, expr: string, today: string): Outcome {
  const value = c.doc.kind === 'simple' ? c.doc.value : '';
  let result: Value;
  try {
    result = evaluateExpression(parseExpression(expr), {
      current: '',
      lookup: (name) => (name === 'node' ? value : ''),
      today: () => today,
      now: () => Date.parse(`${today}T12:00:00-07:00`),
      utcOffset: () => PHOENIX,
    });
  } catch (err) {
    if (c.kind === 'throws') return { agrees: true };
    if (err instanceof ExpressionError) return { agrees: false, got: `refused: ${err.detail}` };
    throw err;
  }
  if (c.kind === 'throws') return { agrees: false, got: `no error: ${toText(result)}` };
  return check(c, result) ? { agrees: true } : { agrees: false, got: describe(result) };
}

function check(c: EnketoCase, result: Value): boolean {
  const expected = c.expected;
  switch (c.kind) {
    case 'boolean':
      return toBoolean(result) === expected;
    case 'number':
      return (
        Object.is(
          toNumber(result, () => PHOENIX),
          numberOf(expected),
        ) || toNumber(result, () => PHOENIX) === numberOf(expected)
      );
    case 'number-rounded': {
      const { rounded, factor } = expected as { rounded: number; factor: number };
      return Math.round(toNumber(result, () => PHOENIX) * factor) / factor === rounded;
    }
    case 'string':
      return toText(result) === (isSpecial(expected) ? expected.special : String(expected));
    case 'match': {
      const { regex, flags } = expected as { regex: string; flags: string };
      return new RegExp(regex, flags).test(toText(result));
    }
    case 'string-length':
      return toText(result).length === expected;
    default:
      throw new Error(`unknown case kind ${c.kind}`);
  }
}

function isSpecial(x: unknown): x is Special {
  return typeof x === 'object' && x !== null && 'special' in x;
}

function numberOf(x: unknown): number {
  return isSpecial(x) ? Number(x.special) : Number(x);
}

function describe(v: Value): string {
  return typeof v === 'string' ? JSON.stringify(v) : Array.isArray(v) ? JSON.stringify(v) : String(v);
}
