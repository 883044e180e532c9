// String and select functions, as ODK defines them (XPath 1.0 plus the OpenRosa extensions).
import { arg, fn, type FunctionTable } from './function-spec';
import { testPattern } from './regex';
import { isEmptyText, toBoolean, toList, toNumber, toText, type Value } from './values';

// XPath whitespace only: \f and \v are kept, unlike JavaScript's trim().
const XPATH_SPACE = /[ \t\r\n]+/g;
const XPATH_EDGES = /^[ \t\r\n]+|[ \t\r\n]+$/g;

export const TEXT_FUNCTIONS = {
  concat: { min: 0, max: Infinity, run: (_ctx, args) => args.map(toText).join('') },
  join: {
    min: 1,
    max: Infinity,
    nodes: 'rest',
    run: (_ctx, [separator = '', ...items]) => items.map(toText).join(toText(separator)),
  },
  substr: fn(2, (_ctx, args) => substr(toText(arg(args, 0)), toNumber(arg(args, 1)), args[2]), 1),
  substring: fn(2, (_ctx, args) => substring(toText(arg(args, 0)), toNumber(arg(args, 1)), args[2]), 1),
  'substring-before': fn(2, (_ctx, [s, t]) => before(toText(s ?? ''), toText(t ?? ''))),
  'substring-after': fn(2, (_ctx, [s, t]) => after(toText(s ?? ''), toText(t ?? ''))),
  translate: fn(3, (_ctx, [s, from, to]) => translate(toText(s ?? ''), toText(from ?? ''), toText(to ?? ''))),
  contains: fn(2, (_ctx, [s, t]) => toText(s ?? '').includes(toText(t ?? ''))),
  'starts-with': fn(2, (_ctx, [s, t]) => toText(s ?? '').startsWith(toText(t ?? ''))),
  'ends-with': fn(2, (_ctx, [s, t]) => toText(s ?? '').endsWith(toText(t ?? ''))),
  // With no argument these read `.`, the question's own answer.
  'string-length': fn(0, (ctx, args) => codePointLength(toText(args[0] ?? ctx.current)), 1),
  'normalize-space': fn(
    0,
    (ctx, args) =>
      toText(args[0] ?? ctx.current)
        .replace(XPATH_EDGES, '')
        .replace(XPATH_SPACE, ' '),
    1,
  ),
  string: fn(0, (ctx, args) => toText(args[0] ?? ctx.current), 1),
  coalesce: fn(2, (_ctx, [a = '', b = '']) => (isEmptyText(a) ? b : a)),
  selected: fn(2, (_ctx, [list = '', choice = '']) => toList(list).includes(toText(choice).trim())),
  'selected-at': fn(2, (_ctx, [list = '', index = '']) => toList(list)[toNumber(index)] ?? ''),
  'count-selected': fn(1, (_ctx, [list = '']) => toList(list).length),
  regex: fn(2, (_ctx, [s = '', pattern = '']) => testPattern(toText(pattern), toText(s))),
  'boolean-from-string': fn(1, (_ctx, [s = '']) => {
    const text = toText(s);
    return text === 'true' || text === '1';
  }),
  uuid: fn(0, (_ctx, args) => (args[0] === undefined ? uuid4() : randomText(toNumber(args[0]))), 1),
  // The answer already stored wins; the expression only fills an empty question.
  once: fn(1, (ctx, [value = '']) => (isEmptyText(ctx.current) ? value : ctx.current)),
  'jr:choice-name': fn(2, (ctx, [choice = '', question = '']) => {
    return ctx.choiceLabel?.(toText(question), toText(choice)) ?? '';
  }),
  if: fn(3, (_ctx, [condition = '', then = '', otherwise = '']) => (toBoolean(condition) ? then : otherwise)),
} satisfies FunctionTable;

const LOW_SURROGATE = /[\uDC00-\uDFFF]/;

// Characters as a person counts them: an emoji is one, not two UTF-16 units. Most text has no
// second halves to leave out, which the pattern finds far quicker than a loop over the units.
function codePointLength(s: string): number {
  if (!LOW_SURROGATE.test(s)) return s.length;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) n++;
  }
  return n;
}

// ODK substr(): 0-based start and exclusive end, negative counting from the end (as JS slice).
function substr(s: string, start: number, end: Value | undefined): string {
  return s.slice(start, end === undefined ? undefined : toNumber(end));
}

// XPath substring(): 1-based, positions rounded, the characters p with start <= p < start + length.
function substring(s: string, start: number, length: Value | undefined): string {
  const first = Math.round(start);
  const last = length === undefined ? Infinity : first + Math.round(toNumber(length));
  if (!(first < last)) return '';
  const chars = [...s];
  const from = Math.max(first, 1);
  return from >= last ? '' : chars.slice(from - 1, last === Infinity ? undefined : last - 1).join('');
}

function before(s: string, t: string): string {
  const at = s.indexOf(t);
  return at < 0 ? '' : s.slice(0, at);
}

function after(s: string, t: string): string {
  const at = s.indexOf(t);
  return at < 0 ? '' : s.slice(at + t.length);
}

function translate(s: string, from: string, to: string): string {
  const source = [...from];
  const target = [...to];
  const map = new Map<string, string>();
  source.forEach((c, i) => {
    if (!map.has(c)) map.set(c, target[i] ?? '');
  });
  return [...s].map((c) => map.get(c) ?? c).join('');
}

function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

function uuid4(): string {
  const b = randomBytes(16);
  b[6] = ((b[6] as number) & 0x0f) | 0x40;
  b[8] = ((b[8] as number) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

// uuid(n): n random letters and digits (ODK's short random id).
function randomText(length: number): string {
  const n = Number.isFinite(length) && length > 0 ? Math.min(Math.floor(length), 1024) : 0;
  return [...randomBytes(n)].map((x) => ALPHANUMERIC[x % ALPHANUMERIC.length]).join('');
}
