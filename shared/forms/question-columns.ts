// Survey columns with their own small syntax: yes/no-or-expression, parameters, defaults and
// triggers (appearances: appearances.ts).
import type { QuestionType } from './form-definition';
import type { Sheet, SheetRow } from './sheet';

/** yes/no (true/false, 1/0) as a boolean; anything else is an expression. */
export function flagOrExpression(text: string): boolean | string {
  const lower = text.toLowerCase();
  if (lower === '' || lower === 'no' || lower === 'false' || lower === 'false()' || lower === '0')
    return false;
  if (lower === 'yes' || lower === 'true' || lower === 'true()' || lower === '1') return true;
  return text;
}

export function yesNo(sheet: Sheet, row: SheetRow, column: string): boolean {
  const value = flagOrExpression(row.get(column));
  if (typeof value === 'boolean') return value;
  throw sheet.error(row.line, column, `"${value}" is not yes or no`);
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const BOOLEAN = /^(true|false)$/i;
const SELECTS: readonly QuestionType[] = ['select_one', 'select_multiple', 'rank'];

/** Accepted parameters per type, each with a check of its value. */
function parameterSpec(type: QuestionType, fromFile: boolean): Record<string, RegExp | undefined> {
  if (type === 'range') return { start: NUMBER, end: NUMBER, step: NUMBER };
  if (SELECTS.includes(type)) {
    // ordered=true: the choices are an ordered scale (exports declare it ordinal).
    const own = { randomize: BOOLEAN, seed: undefined, ordered: BOOLEAN };
    return fromFile ? { ...own, value: undefined, label: undefined } : own;
  }
  if (type === 'image') return { 'max-pixels': /^\d+$/ };
  if (type === 'geopoint' || type === 'geotrace' || type === 'geoshape')
    return { 'capture-accuracy': NUMBER, 'warning-accuracy': NUMBER, 'allow-mock-accuracy': BOOLEAN };
  return {};
}

/** The parameters column (`start=0 end=10 step=1`), each key checked for the type. */
export function readParameters(
  sheet: Sheet,
  row: SheetRow,
  type: QuestionType,
  fromFile: boolean,
): Record<string, string> | undefined {
  const text = row.get('parameters');
  if (text === '') return undefined;
  const spec = parameterSpec(type, fromFile);
  const parameters: Record<string, string> = {};
  for (const pair of text.split(/[\s,;]+/).filter((p) => p !== '')) {
    const [key = '', value = ''] = pair.split('=', 2).map((part) => part.trim());
    const lowerKey = key.toLowerCase();
    if (!Object.hasOwn(spec, lowerKey)) {
      const known = Object.keys(spec);
      throw sheet.error(
        row.line,
        'parameters',
        `parameter "${key}" is not supported for ${type} questions${known.length > 0 ? ` (use ${known.join(', ')})` : ''}`,
      );
    }
    const check = spec[lowerKey];
    if (value === '' || (check !== undefined && !check.test(value)))
      throw sheet.error(row.line, 'parameters', `"${pair}" has no valid value`);
    parameters[lowerKey] = value;
  }
  if (type === 'range') {
    const { start = '1', end = '10', step = '1' } = parameters;
    if (Number(step) <= 0 || Number(start) === Number(end))
      throw sheet.error(row.line, 'parameters', `range start=${start} end=${end} step=${step} is empty`);
  }
  return parameters;
}

/** A default is dynamic when it computes (a reference, a function call, arithmetic), as pyxform decides. */
export function isDynamicDefault(text: string): boolean {
  return /\$\{|\(|^\/|\s(div|mod|and|or)\s|[+*]/.test(text);
}

/** The trigger column: one or more ${name} references. */
export function readTrigger(sheet: Sheet, row: SheetRow): string[] | undefined {
  const text = row.get('trigger');
  if (text === '') return undefined;
  const names = [...text.matchAll(/\$\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}/g)].map((m) => m[1] ?? '');
  const rest = text.replace(/\$\{[^}]*\}/g, '').replace(/[\s,]/g, '');
  if (names.length === 0 || rest !== '')
    throw sheet.error(row.line, 'trigger', `"${text}" is not a list of \${name} references`);
  return names;
}
