// What reading the survey's rows shares: the sheet, languages, choice lists, attachments and warnings.
import { NameSchema, type FormDefinition, type Language, type Localized } from './form-definition';
import type { FormSheetError, FormSheetWarning } from './form-sheet-error';
import type { Sheet, SheetRow } from './sheet';

export type SurveyContext = {
  sheet: Sheet;
  defaultLanguage: Language;
  /** Choice lists; select_*_from_file and or_other add to them. */
  choices: FormDefinition['choices'];
  /** CSV attachments (select_*_from_file) by file name. */
  attachments: ReadonlyMap<string, Sheet>;
  warnings: FormSheetWarning[];
  /**
   * A select_*_from_file attachment not supplied: reported once the rest of the form is checked,
   * so a fault the author must edit the form for comes first (the list is empty meanwhile).
   */
  missingAttachments: FormSheetError[];
};

export function checkName(sheet: Sheet, row: SheetRow, column: string, name: string): void {
  if (name === '') throw sheet.error(row.line, column, 'missing value');
  // `__proto__` would not survive as a key of a plain answers object.
  if (!NameSchema.safeParse(name).success || name === '__proto__') {
    throw sheet.error(
      row.line,
      column,
      `"${name}" is not a valid name (a letter or _, then letters, digits, _ . -; at most 255)`,
    );
  }
}

/** The built-in label of or_other's extra choice and question, in the form's languages. */
export function otherText(defaultLanguage: Language, spanish: string, english: string): Localized {
  return defaultLanguage === 'en' ? { en: english, es: spanish } : { es: spanish, en: english };
}

// Optional fields are left out rather than stored as '' or undefined.
export function omitEmpty<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== '' && v !== undefined)) as T;
}
