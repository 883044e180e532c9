// pyxform's legacy loops (`begin loop over LIST`): expanded as pyxform does, before the rows are
// read: a group named by the loop row holding, per choice of LIST, a group named and labelled by
// the choice with the loop's rows inside, `%(name)s` and `%(label)s` replaced by the choice's.
import type { Choice, Localized } from './form-definition';
import type { SheetRow } from './sheet';
import type { SurveyContext } from './survey-context';

const BEGIN = /^begin[ _]loop\b/i;
const BEGIN_OVER = /^begin[ _]loop over (\S+)$/i;
const END = /^end[ _]loop$/i;

/** The survey's rows with every loop expanded into groups. */
export function expandLoops(context: SurveyContext): readonly SheetRow[] {
  const { rows } = context.sheet;
  const isLoopRow = (row: SheetRow): boolean => /^(begin|end)[ _]loop\b/i.test(row.get('type'));
  return rows.some(isLoopRow) ? expand(context, rows) : rows;
}

function expand(context: SurveyContext, rows: readonly SheetRow[]): SheetRow[] {
  const { sheet, choices } = context;
  const out: SheetRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as SheetRow;
    const type = row.get('type').replace(/\s+/g, ' ');
    if (END.test(type)) throw sheet.error(row.line, 'type', 'end loop without a matching begin loop');
    if (!BEGIN.test(type)) {
      out.push(row);
      continue;
    }
    const listName = BEGIN_OVER.exec(type)?.[1];
    if (listName === undefined)
      throw sheet.error(row.line, 'type', 'a loop needs a choice list, as in "begin loop over si_no"');
    const list = Object.hasOwn(choices, listName) ? choices[listName] : undefined;
    if (list === undefined) throw sheet.error(row.line, 'type', `unknown choice list "${listName}"`);
    const end = matchingEnd(rows, i);
    if (end === undefined)
      throw sheet.error(row.line, 'type', `begin loop "${row.get('name')}" is never closed`);
    const body = expand(context, rows.slice(i + 1, end));
    out.push(retyped(row, 'begin_group'));
    for (const choice of list) {
      out.push(choiceGroup(row.line, choice));
      out.push(...body.map((inner) => substituted(inner, choice, context.defaultLanguage)));
      out.push(retyped(row, 'end_group'));
    }
    out.push(retyped(row, 'end_group'));
    i = end;
  }
  return out;
}

function matchingEnd(rows: readonly SheetRow[], begin: number): number | undefined {
  let depth = 0;
  for (let i = begin; i < rows.length; i++) {
    const type = rows[i]?.get('type').replace(/\s+/g, ' ') ?? '';
    if (BEGIN.test(type)) depth++;
    else if (END.test(type) && --depth === 0) return i;
  }
  return undefined;
}

/** The loop row as a group row (its name, label, relevance and appearance kept); end rows unnamed. */
function retyped(row: SheetRow, type: 'begin_group' | 'end_group'): SheetRow {
  if (type === 'end_group') return { ...row, get: (column) => (column === 'type' ? type : '') };
  return { ...row, get: (column) => (column === 'type' ? type : row.get(column)) };
}

function choiceGroup(line: number, choice: Choice): SheetRow {
  const cells: Record<string, string> = { type: 'begin_group', name: choice.name };
  return {
    line,
    get: (column) => cells[column] ?? '',
    localized: (base) => (base === 'label' ? choice.label : undefined),
    extra: () => ({}),
  };
}

/** A loop row for one choice: %(name)s and %(label)s (in each language) replaced in every cell. */
function substituted(row: SheetRow, choice: Choice, defaultLanguage: string): SheetRow {
  const fill = (text: string, language: string): string =>
    text
      .replaceAll('%(name)s', choice.name)
      .replaceAll('%(label)s', choice.label[language] ?? choice.label[defaultLanguage] ?? choice.name);
  const localized = (base: string): Localized | undefined => {
    const texts = row.localized(base);
    if (texts === undefined) return undefined;
    return Object.fromEntries(
      Object.entries(texts).map(([language, text]) => [language, fill(text, language)]),
    );
  };
  return {
    line: row.line,
    get: (column) => fill(row.get(column), defaultLanguage),
    localized,
    extra: () =>
      Object.fromEntries(Object.entries(row.extra()).map(([k, v]) => [k, fill(v, defaultLanguage)])),
  };
}
