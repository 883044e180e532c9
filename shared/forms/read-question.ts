// One survey row that is a question, with every column it may carry.
import type { Choice, Question } from './form-definition';
import { sheetWarning } from './form-sheet-error';
import { checkAppearance } from './appearances';
import { isMediaQuestion } from './media-questions';
import { flagOrExpression, isDynamicDefault, readParameters, readTrigger, yesNo } from './question-columns';
import type { ParsedType } from './question-types';
import { checkName, omitEmpty, otherText, type SurveyContext } from './survey-context';
import type { SheetRow } from './sheet';

type QuestionType = Extract<ParsedType, { kind: 'question' }>;

/** Types a person never sees: no label needed. */
const UNSEEN = new Set<string>(['calculate', 'hidden', 'metadata']);
const SELECTS = new Set<string>(['select_one', 'select_multiple', 'rank']);

/** The question, plus the "specify other" text question that or_other adds after it. */
export function readQuestion(context: SurveyContext, row: SheetRow, parsed: QuestionType): Question[] {
  const { sheet, defaultLanguage, warnings } = context;
  const { type } = parsed;
  let name = row.get('name');
  // pyxform accepts a note without a name: it holds no answer.
  if (name === '' && type === 'note') {
    name = `note_${row.line}`;
    warnings.push(sheetWarning(sheet.at(row.line, 'name'), `a note without a name is called ${name}`));
  }
  checkName(sheet, row, 'name', name);
  const label = row.localized('label');
  const hint = row.localized('hint');
  const image = row.localized('image');
  if (
    !UNSEEN.has(type) &&
    label?.[defaultLanguage] === undefined &&
    hint === undefined &&
    image === undefined
  )
    throw sheet.error(row.line, sheet.localizedKey('label', defaultLanguage), 'missing label');
  if (type === 'calculate' && row.get('calculation') === '')
    throw sheet.error(row.line, 'calculation', 'a calculate row needs a calculation');
  const unused = type === 'note' || UNSEEN.has(type) ? ['required', 'constraint'] : [];
  if (!SELECTS.has(parsed.type)) unused.push('choice_filter');
  for (const column of unused) {
    if (row.get(column) !== '' && flagOrExpression(row.get(column)) !== false)
      warnings.push(sheetWarning(sheet.at(row.line, column), `not used by ${type} rows (ignored)`));
  }

  const required = unused.includes('required') ? false : flagOrExpression(row.get('required'));
  const readOnly = flagOrExpression(row.get('read_only'));
  const defaultText = row.get('default');
  const listName =
    parsed.fromFile !== undefined ? fromFileList(context, row, parsed.fromFile) : parsed.listName;
  const question: Question = omitEmpty({
    kind: 'question',
    type,
    name,
    label: label ?? {},
    hint,
    guidanceHint: row.localized('guidance_hint'),
    image,
    listName,
    choicesFrom: parsed.choicesFrom,
    fromFile: parsed.fromFile,
    metadata: parsed.metadata,
    required: required === true,
    requiredIf: typeof required === 'string' ? required : undefined,
    requiredMessage: row.localized('required_message'),
    readOnly: readOnly === true ? true : undefined,
    readOnlyIf: typeof readOnly === 'string' ? readOnly : undefined,
    relevant: row.get('relevant'),
    constraint: unused.includes('constraint') ? undefined : row.get('constraint'),
    constraintMessage: row.localized('constraint_message'),
    calculation: row.get('calculation'),
    default: isDynamicDefault(defaultText) ? undefined : defaultText,
    defaultExpression: isDynamicDefault(defaultText) ? defaultText : undefined,
    choiceFilter: SELECTS.has(type) ? row.get('choice_filter') : undefined,
    trigger: readTrigger(sheet, row),
    parameters: readParameters(sheet, row, type, parsed.fromFile !== undefined),
    appearance: checkAppearance(sheet, row, warnings, type),
    accept:
      isMediaQuestion({ type }) && type !== 'image' && row.get('accept') !== ''
        ? row.get('accept')
        : undefined,
    pii: yesNo(sheet, row, 'pii'),
    row: row.line,
  });
  if (!parsed.orOther) return [question];
  return [question, orOtherQuestion(context, question)];
}

/** or_other: an "other" choice in the list and a text question asked when it is chosen, as pyxform does. */
function orOtherQuestion(context: SurveyContext, question: Question): Question {
  const { choices, defaultLanguage } = context;
  const listName = question.listName ?? '';
  const list = Object.hasOwn(choices, listName) ? (choices[listName] ?? []) : [];
  if (!list.some((choice) => choice.name === 'other'))
    choices[listName] = [...list, { name: 'other', label: otherText(defaultLanguage, 'Otro', 'Other') }];
  return {
    kind: 'question',
    type: 'text',
    name: `${question.name}_other`,
    label: otherText(defaultLanguage, 'Especifique otro', 'Specify other'),
    required: false,
    relevant: `selected(\${${question.name}}, 'other')`,
    pii: question.pii,
    row: question.row,
  };
}

/** select_*_from_file: the choice list read from the named CSV attachment (columns name and label). */
function fromFileList(context: SurveyContext, row: SheetRow, file: string): string {
  const { sheet, attachments, choices } = context;
  if (!/\.csv$/i.test(file))
    throw sheet.error(row.line, 'type', `choices from "${file}": only CSV attachments are supported`);
  if (Object.hasOwn(choices, file)) return file;
  const attachment = attachments.get(file);
  if (attachment === undefined) {
    context.missingAttachments.push(
      sheet.error(
        row.line,
        'type',
        `select from file: the attachment "${file}" is missing (put it beside the form)`,
      ),
    );
    choices[file] = [];
    return file;
  }
  const parameters = readParameters(sheet, row, 'select_one', true) ?? {};
  const valueColumn = parameters.value ?? 'name';
  const labelColumn = parameters.label ?? 'label';
  const list: Choice[] = [];
  for (const line of attachment.rows) {
    const fields = line.extra();
    const name = fields[valueColumn] ?? '';
    if (name === '' || /\s/.test(name) || name.length > 64)
      throw sheet.error(
        row.line,
        'type',
        `${file} row ${line.line}: "${name}" is not a choice name (column ${valueColumn})`,
      );
    const text = fields[labelColumn] || name;
    list.push({ name, label: { [context.defaultLanguage]: text } });
  }
  choices[file] = list;
  return file;
}
