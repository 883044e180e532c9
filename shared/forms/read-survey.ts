// The survey sheet: rows to questions, groups and repeats.
import type { FormNode, Group } from './form-definition';
import { sheetWarning } from './form-sheet-error';
import { disambiguateNames } from './duplicate-names';
import { expandLoops } from './loops';
import { readQuestion } from './read-question';
import { parseType, typeHint } from './question-types';
import type { SheetRow } from './sheet';
import { checkName, omitEmpty, type SurveyContext } from './survey-context';

type OpenGroup = { group: Group; line: number };

const UNUSED_BY_GROUPS = ['required', 'constraint', 'calculation', 'default', 'read_only', 'choice_filter'];

export function readSurvey(context: SurveyContext): FormNode[] {
  const { sheet } = context;
  sheet.requireColumns(['type', 'name']);
  warnUnknownColumns(context);
  const root: FormNode[] = [];
  const open: OpenGroup[] = [];
  const siblings = (): FormNode[] => open.at(-1)?.group.children ?? root;

  for (const row of expandLoops(context)) {
    const typeText = row.get('type');
    if (typeText === '') {
      if (row.get('name') === '' && row.localized('label') === undefined) {
        context.warnings.push(
          sheetWarning(sheet.at(row.line, ''), 'a row without a type is a comment (ignored)'),
        );
        continue;
      }
      throw sheet.error(row.line, 'type', 'missing value');
    }
    const parsed = parseType(typeText);
    switch (parsed.kind) {
      case 'begin': {
        const group = readGroup(context, row, parsed.group);
        siblings().push(group);
        open.push({ group, line: row.line });
        break;
      }
      case 'end':
        closeGroup(context, row, parsed.group, open.pop());
        break;
      case 'refused':
        throw sheet.error(row.line, 'type', parsed.reason);
      case 'unknown':
        throw sheet.error(row.line, 'type', typeHint(typeText) ?? `unknown question type "${typeText}"`);
      case 'question':
        siblings().push(...readQuestion(context, row, parsed));
    }
  }
  const unclosed = open.at(-1);
  if (unclosed) {
    throw sheet.error(
      unclosed.line,
      'type',
      `begin_${unclosed.group.kind} "${unclosed.group.name}" is never closed`,
    );
  }
  if (root.length === 0) throw sheet.error(sheet.headerLine + 1, '', 'the survey has no questions');
  disambiguateNames(sheet, root);
  return root;
}

function readGroup(context: SurveyContext, row: SheetRow, kind: Group['kind']): Group {
  const { sheet } = context;
  let name = row.get('name');
  // pyxform accepts an unnamed group (not a repeat: its name keys the answers).
  if (name === '' && kind === 'group') {
    name = `group_${row.line}`;
    context.warnings.push(
      sheetWarning(sheet.at(row.line, 'name'), `a group without a name is called ${name}`),
    );
  }
  checkName(sheet, row, 'name', name);
  for (const column of UNUSED_BY_GROUPS) {
    if (row.get(column) !== '')
      context.warnings.push(sheetWarning(sheet.at(row.line, column), `not used by ${kind}s (ignored)`));
  }
  if (kind === 'group' && row.get('repeat_count') !== '')
    throw sheet.error(row.line, 'repeat_count', 'repeat_count belongs on a begin_repeat row');
  return omitEmpty({
    kind,
    name,
    label: row.localized('label') ?? {},
    hint: row.localized('hint'),
    relevant: row.get('relevant'),
    appearance: row.get('appearance'),
    repeatCount: kind === 'repeat' ? row.get('repeat_count') : undefined,
    row: row.line,
    children: [],
  });
}

function closeGroup(
  context: SurveyContext,
  row: SheetRow,
  kind: Group['kind'],
  top: OpenGroup | undefined,
): void {
  const { sheet } = context;
  const type = `end_${kind}`;
  if (top === undefined) throw sheet.error(row.line, 'type', `${type} without a matching begin_${kind}`);
  const { group, line } = top;
  if (group.kind !== kind) {
    throw sheet.error(row.line, 'type', `${type} closes begin_${group.kind} "${group.name}" (row ${line})`);
  }
  const name = row.get('name');
  // pyxform closes the innermost group whatever the end row's name says.
  if (name !== '' && name !== group.name) {
    context.warnings.push(
      sheetWarning(
        sheet.at(row.line, 'name'),
        `${type} "${name}" closes begin_${kind} "${group.name}" (row ${line})`,
      ),
    );
  }
}

/** Entities (save_to) are out of scope; other unknown columns are ignored with a warning. */
function warnUnknownColumns({ sheet, warnings }: SurveyContext): void {
  for (const column of sheet.unknown) {
    const used = sheet.rows.find((row) => row.extra()[column.header] !== '');
    if (used === undefined) continue;
    if (column.header.toLowerCase() === 'save_to')
      throw sheet.error(used.line, column.header, 'entities (save_to) are not supported by Quiosco');
    warnings.push(
      sheetWarning(
        sheet.at(used.line, column.header),
        `"${column.header}" is not a column Quiosco uses (ignored)`,
      ),
    );
  }
  for (const base of ['audio', 'video', 'big_image']) {
    for (const tag of sheet.tagsOf(base)) {
      const used = sheet.rows.find((row) => row.get(`${base}::${tag}`) !== '');
      if (used)
        warnings.push(
          sheetWarning(
            sheet.at(used.line, `${base}::${tag}`),
            `the kiosk plays no ${base.replace('_', '-')} media (ignored)`,
          ),
        );
    }
  }
}
