// Reads an XLSForm (its sheets as tables of text, from CSV files or a workbook) into a validated
// FormDefinition, with warnings for what the kiosk reads but does not act on.
import { compileForm } from './compile-form';
import { FormDefinitionSchema, type FormDefinition, type Language } from './form-definition';
import { FormSheetError, sheetWarning, type FormSheetWarning } from './form-sheet-error';
import { CHOICES_SPEC, SETTINGS_SPEC, SURVEY_SPEC } from './headers';
import { planLanguages, unshownLanguageWarnings } from './languages';
import { readChoices } from './read-choices';
import { fnv1a, readSettings } from './read-settings';
import { readSurvey } from './read-survey';
import { Sheet, type SheetTable } from './sheet';

export type XlsFormTables = {
  survey: SheetTable;
  /** Absent or empty when the workbook has no such sheet. */
  choices?: SheetTable | undefined;
  settings?: SheetTable | undefined;
  /** The workbook's or trio's file name: the form id when settings give none, as in pyxform. */
  fileName?: string | undefined;
  /** CSV attachments for select_*_from_file, by file name. */
  attachments?: Readonly<Record<string, SheetTable>> | undefined;
};

export type LoadedXlsForm = { definition: FormDefinition; warnings: FormSheetWarning[] };

const ATTACHMENT_SPEC = { plain: [], localized: [], aliases: {} };

/** The form's own fields, checked here; what the rows become is checked as it is read. */
const FormHeaderSchema = FormDefinitionSchema.omit({ children: true, choices: true });

/**
 * Reads and compiles a form. Throws FormSheetError naming the sheet, row and column of the first
 * fault, including faults in expressions and features the kiosk does not support.
 */
export function loadXlsForm(tables: XlsFormTables): LoadedXlsForm {
  const warnings: FormSheetWarning[] = [];
  const present = (table: SheetTable | undefined): table is SheetTable =>
    table !== undefined && table.length > 0;
  const settingsSheet = present(tables.settings)
    ? new Sheet('settings', tables.settings, SETTINGS_SPEC)
    : undefined;
  const surveySheet = new Sheet('survey', tables.survey, SURVEY_SPEC);
  const choicesSheet = present(tables.choices)
    ? new Sheet('choices', tables.choices, CHOICES_SPEC)
    : undefined;
  const settings = readSettings(settingsSheet, tables.fileName, warnings);

  const sheets = [
    [surveySheet, SURVEY_SPEC.localized],
    [choicesSheet, CHOICES_SPEC.localized],
    [settingsSheet, SETTINGS_SPEC.localized],
  ] as const;
  const tags = sheets.flatMap(([sheet, localized]) => localized.flatMap((base) => sheet?.tagsOf(base) ?? []));
  const surveyLabels = surveySheet.tagsOf('label');
  const labelTags = surveyLabels.length > 0 ? surveyLabels : (choicesSheet?.tagsOf('label') ?? []);
  const { defaultLanguage, slots, names } = planLanguages(settings.defaultLanguageSetting, labelTags, [
    ...new Set(tags),
  ]);
  for (const [sheet, localized] of sheets) {
    if (sheet === undefined) continue;
    sheet.setLanguageSlots(slots, localized);
    warnings.push(...unshownLanguageWarnings(sheet, localized, slots));
  }

  const choices = readChoices(
    choicesSheet,
    { defaultLanguage, allowDuplicates: settings.allowChoiceDuplicates },
    warnings,
  );
  const attachments = new Map(
    Object.entries(tables.attachments ?? {}).map(([name, table]) => [
      name,
      new Sheet('choices', table, ATTACHMENT_SPEC),
    ]),
  );
  const missingAttachments: FormSheetError[] = [];
  const children = readSurvey({
    sheet: surveySheet,
    defaultLanguage,
    choices,
    attachments,
    warnings,
    missingAttachments,
  });
  const languages = [
    ...new Set([defaultLanguage, ...surveySheet.tagsOf('label').flatMap((tag) => slots(tag) ?? [])]),
  ];
  const languageNames = Object.fromEntries(
    languages.flatMap((language) => (names[language] ? [[language, names[language]] as const] : [])),
  );
  const draft = {
    formId: settings.formId,
    version: settings.version ?? '',
    title: settings.title(defaultLanguage),
    kind: settings.kind,
    defaultLanguage,
    languages,
    ...(Object.keys(languageNames).length > 0 && { languageNames }),
    children,
    choices,
    ...(settings.instanceName !== undefined && { instanceName: settings.instanceName }),
  };
  // pyxform leaves the version out; ours keys stored forms, so it follows the content.
  const header = FormHeaderSchema.parse({ ...draft, version: settings.version ?? contentVersion(draft) });
  // Rows and choices were checked cell by cell as they were read; definitions that arrive from
  // elsewhere (IPC, HTTP, the database) are checked whole by FormDefinitionSchema there.
  const definition: FormDefinition = { ...header, children, choices };
  // Expressions, choice lists and names across the whole form are checked by the compiler.
  const cells = { survey: surveySheet, settings: settingsSheet };
  const loaded = compileOrDropInstanceName(definition, cells, defaultLanguage, warnings);
  const [missing] = missingAttachments;
  if (missing !== undefined) throw missing;
  return { definition: loaded, warnings };
}

/** Compiles the form; a faulty instance_name is dropped with a warning rather than refused. */
function compileOrDropInstanceName(
  definition: FormDefinition,
  cells: { survey: Sheet; settings: Sheet | undefined },
  language: Language,
  warnings: FormSheetWarning[],
): FormDefinition {
  try {
    compileWithCells(definition, cells, language);
    return definition;
  } catch (err) {
    // A record's display name is not worth refusing the form for.
    if (!(err instanceof FormSheetError && err.sheet === 'settings' && err.column === 'instance_name'))
      throw err;
    warnings.push(sheetWarning(err, `${err.detail} (instance_name ignored)`));
    const { instanceName: _dropped, ...rest } = definition;
    compileForm(rest);
    return rest;
  }
}

/** Compiles, giving the compiler's faults (located by row and column name) their cell. */
function compileWithCells(
  definition: FormDefinition,
  sheets: { survey: Sheet; settings: Sheet | undefined },
  language: Language,
): void {
  try {
    compileForm(definition);
  } catch (err) {
    if (!(err instanceof FormSheetError) || err.columnIndex !== undefined || err.sheet === 'choices')
      throw err;
    const sheet = sheets[err.sheet];
    const key =
      sheet?.has(err.column) || sheet?.tagsOf(err.column).length === 0
        ? err.column
        : sheet?.localizedKey(err.column, language);
    throw sheet?.error(err.row, key ?? err.column, err.detail) ?? err;
  }
}

/** A short hash of the form's content, so a changed form gets a new version. */
function contentVersion(draft: object): string {
  return `h${fnv1a(JSON.stringify(draft))}`;
}
