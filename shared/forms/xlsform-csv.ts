// Reads an XLSForm saved as three CSV sheets into a validated FormDefinition.
import { compileForm } from './compile-form';
import {
  FormDefinitionSchema,
  FormKindSchema,
  LANGUAGES,
  LanguageSchema,
  NameSchema,
  QuestionTypeSchema,
  type Choice,
  type FormDefinition,
  type FormNode,
  type Group,
  type Language,
  type Question,
  type QuestionType,
} from './form-definition';
import { Sheet, type SheetRow } from './sheet';

export type XlsFormCsvSheets = { survey: string; choices: string; settings: string };

const SURVEY_SPEC = {
  plain: ['type', 'name', 'required', 'relevant', 'constraint', 'appearance', 'pii', 'calculation'],
  localized: ['label', 'hint', 'constraint_message'],
  strict: true,
};
// Extra choice columns only feed choice filters, which we do not support, so they are inert.
const CHOICES_SPEC = { plain: ['list_name', 'name'], localized: ['label'], strict: false };
const SETTINGS_SPEC = {
  plain: ['form_id', 'version', 'default_language', 'kind'],
  localized: ['form_title'],
  strict: true,
};

const SELECT_TYPES = new Set<string>(['select_one', 'select_multiple']);
const SIMPLE_TYPES = new Set<string>(QuestionTypeSchema.options.filter((type) => !SELECT_TYPES.has(type)));
const MAX_VERSION_LENGTH = 32;
const MAX_CHOICE_NAME_LENGTH = 64;

/**
 * Reads the survey, choices and settings sheets (CSV text). Throws FormSheetError naming the
 * sheet, row and column of the first fault, including faults in expressions.
 */
export function readXlsFormCsv(sheets: XlsFormCsvSheets): FormDefinition {
  const settings = readSettings(new Sheet('settings', sheets.settings, SETTINGS_SPEC));
  const choicesSheet = new Sheet('choices', sheets.choices, CHOICES_SPEC, settings.defaultLanguage);
  choicesSheet.setDefaultLanguage(settings.defaultLanguage, CHOICES_SPEC.localized);
  const surveySheet = new Sheet('survey', sheets.survey, SURVEY_SPEC, settings.defaultLanguage);
  surveySheet.setDefaultLanguage(settings.defaultLanguage, SURVEY_SPEC.localized);

  const definition = FormDefinitionSchema.parse({
    ...settings,
    languages: surveySheet.languagesOf('label'),
    children: readSurvey(surveySheet, settings.defaultLanguage),
    choices: readChoices(choicesSheet, settings.defaultLanguage),
  });
  // Expressions, choice lists and names across the whole form are checked by the compiler.
  compileForm(definition);
  return definition;
}

function readSettings(
  sheet: Sheet,
): Pick<FormDefinition, 'formId' | 'version' | 'title' | 'kind' | 'defaultLanguage'> {
  sheet.requireColumns(['form_id', 'version', 'kind']);
  const [row, extra] = sheet.rows;
  if (row === undefined) throw sheet.error(sheet.headerLine + 1, '', 'the settings row is missing');
  if (extra !== undefined) throw sheet.error(extra.line, '', 'only one settings row is allowed');

  const languageText = row.get('default_language');
  const language = LanguageSchema.safeParse(languageText === '' ? 'es' : languageText);
  if (!language.success) {
    throw sheet.error(
      row.line,
      'default_language',
      `unsupported language "${languageText}" (use ${LANGUAGES.join(' or ')})`,
    );
  }
  const defaultLanguage = language.data;
  sheet.setDefaultLanguage(defaultLanguage, SETTINGS_SPEC.localized);

  const formId = row.get('form_id');
  checkName(sheet, row, 'form_id', formId);
  const version = row.get('version');
  if (version === '') throw sheet.error(row.line, 'version', 'missing value');
  if (version.length > MAX_VERSION_LENGTH) {
    throw sheet.error(row.line, 'version', `longer than ${MAX_VERSION_LENGTH} characters`);
  }
  const kindText = row.get('kind');
  const kind = FormKindSchema.safeParse(kindText);
  if (!kind.success) {
    const detail = kindText === '' ? 'missing value' : `unknown form kind "${kindText}"`;
    throw sheet.error(row.line, 'kind', `${detail} (use ${FormKindSchema.options.join(', ')})`);
  }
  const title = row.localized('form_title');
  if (title?.[defaultLanguage] === undefined) {
    throw sheet.error(
      row.line,
      sheet.localizedHeader('form_title'),
      'missing the form title in the default language',
    );
  }
  return { formId, version, title, kind: kind.data, defaultLanguage };
}

function readChoices(sheet: Sheet, defaultLanguage: Language): FormDefinition['choices'] {
  sheet.requireColumns(['list_name', 'name']);
  const labelHeader = sheet.localizedHeader('label');
  if (!sheet.has('label') && !sheet.has(`label::${defaultLanguage}`))
    throw sheet.error(sheet.headerLine, labelHeader, 'missing column');

  const lists = new Map<string, Choice[]>();
  const firstRow = new Map<string, number>();
  for (const row of sheet.rows) {
    const listName = row.get('list_name');
    if (listName === '') throw sheet.error(row.line, 'list_name', 'missing value');
    if (/\s/.test(listName)) throw sheet.error(row.line, 'list_name', `"${listName}" contains spaces`);
    const name = row.get('name');
    if (name === '') throw sheet.error(row.line, 'name', 'missing value');
    // select_multiple answers are compared as space-separated lists, as in ODK.
    if (/\s/.test(name)) throw sheet.error(row.line, 'name', `"${name}" contains spaces`);
    if (name.length > MAX_CHOICE_NAME_LENGTH) {
      throw sheet.error(row.line, 'name', `longer than ${MAX_CHOICE_NAME_LENGTH} characters`);
    }
    const key = `${listName}\u0000${name}`;
    const first = firstRow.get(key);
    if (first !== undefined)
      throw sheet.error(
        row.line,
        'name',
        `duplicate choice "${name}" in list "${listName}" (first on row ${first})`,
      );
    firstRow.set(key, row.line);
    const label = row.localized('label');
    if (label?.[defaultLanguage] === undefined) throw sheet.error(row.line, labelHeader, 'missing label');
    const list = lists.get(listName) ?? [];
    list.push({ name, label });
    lists.set(listName, list);
  }
  return Object.fromEntries(lists);
}

type OpenGroup = { group: Group; line: number };

function readSurvey(sheet: Sheet, defaultLanguage: Language): FormNode[] {
  sheet.requireColumns(['type', 'name']);
  const root: FormNode[] = [];
  const open: OpenGroup[] = [];
  const siblings = (): FormNode[] => open.at(-1)?.group.children ?? root;

  for (const row of sheet.rows) {
    const words = row
      .get('type')
      .split(/\s+/)
      .filter((word) => word !== '');
    // XLSForm accepts both `begin_group` and `begin group`.
    const [first, second] = words;
    const grouping = (first === 'begin' || first === 'end') && (second === 'group' || second === 'repeat');
    const [type = '', ...rest] = grouping ? [`${first}_${second}`, ...words.slice(2)] : words;
    if (type === '') throw sheet.error(row.line, 'type', 'missing value');

    if (type === 'begin_group' || type === 'begin_repeat') {
      if (rest.length > 0)
        throw sheet.error(row.line, 'type', `unexpected "${rest.join(' ')}" after ${type}`);
      const group = readGroup(sheet, row, type === 'begin_group' ? 'group' : 'repeat');
      siblings().push(group);
      open.push({ group, line: row.line });
    } else if (type === 'end_group' || type === 'end_repeat') {
      closeGroup(sheet, row, type, open.pop());
    } else {
      siblings().push(readQuestion(sheet, row, type, rest, defaultLanguage));
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
  return root;
}

function readGroup(sheet: Sheet, row: SheetRow, kind: Group['kind']): Group {
  const name = row.get('name');
  checkName(sheet, row, 'name', name);
  refuseColumns(sheet, row, `${kind}s`, ['required', 'constraint', 'calculation', 'pii']);
  return omitEmpty({
    kind,
    name,
    label: row.localized('label') ?? {},
    hint: row.localized('hint'),
    relevant: row.get('relevant'),
    appearance: row.get('appearance'),
    row: row.line,
    children: [],
  });
}

function closeGroup(
  sheet: Sheet,
  row: SheetRow,
  type: 'end_group' | 'end_repeat',
  top: OpenGroup | undefined,
): void {
  const kind = type === 'end_group' ? 'group' : 'repeat';
  if (top === undefined) throw sheet.error(row.line, 'type', `${type} without a matching begin_${kind}`);
  const { group, line } = top;
  if (group.kind !== kind) {
    throw sheet.error(row.line, 'type', `${type} closes begin_${group.kind} "${group.name}" (row ${line})`);
  }
  const name = row.get('name');
  if (name !== '' && name !== group.name) {
    throw sheet.error(
      row.line,
      'name',
      `${type} "${name}" does not match begin_${kind} "${group.name}" (row ${line})`,
    );
  }
}

function readQuestion(
  sheet: Sheet,
  row: SheetRow,
  type: string,
  rest: string[],
  defaultLanguage: Language,
): Question {
  const questionType = questionTypeOf(sheet, row, type, rest);
  const name = row.get('name');
  checkName(sheet, row, 'name', name);
  const label = row.localized('label');
  if (questionType !== 'calculate' && label?.[defaultLanguage] === undefined) {
    throw sheet.error(row.line, sheet.localizedHeader('label'), 'missing label');
  }
  if (questionType === 'calculate') {
    if (row.get('calculation') === '')
      throw sheet.error(row.line, 'calculation', 'a calculate row needs a calculation');
    refuseColumns(sheet, row, 'calculate rows', ['required', 'constraint']);
  } else {
    refuseColumns(sheet, row, `${questionType} questions`, ['calculation']);
    if (questionType === 'note') refuseColumns(sheet, row, 'notes', ['required', 'constraint']);
  }
  return omitEmpty({
    kind: 'question',
    type: questionType,
    name,
    label: label ?? {},
    hint: row.localized('hint'),
    listName: SELECT_TYPES.has(questionType) ? rest[0] : undefined,
    required: yesNo(sheet, row, 'required'),
    relevant: row.get('relevant'),
    constraint: row.get('constraint'),
    constraintMessage: row.localized('constraint_message'),
    calculation: row.get('calculation'),
    appearance: row.get('appearance'),
    pii: yesNo(sheet, row, 'pii'),
    row: row.line,
  });
}

function questionTypeOf(sheet: Sheet, row: SheetRow, type: string, rest: string[]): QuestionType {
  const parsed = QuestionTypeSchema.safeParse(type);
  if (!parsed.success)
    throw sheet.error(row.line, 'type', `unknown question type "${[type, ...rest].join(' ')}"`);
  if (SELECT_TYPES.has(type)) {
    if (rest.length === 0)
      throw sheet.error(row.line, 'type', `${type} needs a choice list name, as in "${type} si_no"`);
    if (rest.length > 1)
      throw sheet.error(
        row.line,
        'type',
        `unexpected "${rest.slice(1).join(' ')}" after "${type} ${rest[0]}"`,
      );
  } else if (SIMPLE_TYPES.has(type) && rest.length > 0) {
    throw sheet.error(row.line, 'type', `unknown question type "${[type, ...rest].join(' ')}"`);
  }
  return parsed.data;
}

function checkName(sheet: Sheet, row: SheetRow, column: string, name: string): void {
  if (name === '') throw sheet.error(row.line, column, 'missing value');
  // `__proto__` would not survive as a key of a plain answers object.
  if (!NameSchema.safeParse(name).success || name === '__proto__') {
    throw sheet.error(
      row.line,
      column,
      `"${name}" is not a valid name (a letter or _, then letters, digits, _ . -; at most 64)`,
    );
  }
}

function yesNo(sheet: Sheet, row: SheetRow, column: string): boolean {
  const text = row.get(column).toLowerCase();
  if (text === '' || text === 'no' || text === 'false') return false;
  if (text === 'yes' || text === 'true') return true;
  throw sheet.error(row.line, column, `"${row.get(column)}" is not yes or no`);
}

/** Columns that mean nothing for this kind of row are refused rather than silently ignored. */
function refuseColumns(sheet: Sheet, row: SheetRow, what: string, columns: readonly string[]): void {
  for (const column of columns) {
    const set =
      column === 'required' || column === 'pii' ? yesNo(sheet, row, column) : row.get(column) !== '';
    if (set) throw sheet.error(row.line, column, `not used by ${what}`);
  }
}

// Optional fields are left out rather than stored as '' or undefined.
function omitEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== undefined)) as T;
}
