// Reads an XLSForm saved as CSV sheets (NAME.survey.csv, NAME.choices.csv, NAME.settings.csv).
import { CsvSyntaxError, parseCsv } from './csv';
import type { FormDefinition } from './form-definition';
import { FormSheetError, type SheetName } from './form-sheet-error';
import type { SheetTable } from './sheet';
import { loadXlsForm, type LoadedXlsForm } from './xlsform';

export type XlsFormCsvSheets = {
  survey: string;
  /** '' when the form has no such sheet. */
  choices: string;
  settings: string;
  /** The trio's NAME: the form id when settings give none. */
  fileName?: string | undefined;
  /** CSV attachments (select_*_from_file) by file name. */
  attachments?: Readonly<Record<string, string>> | undefined;
};

/** Reads and compiles the sheets; throws FormSheetError at the first fault. */
export function readXlsFormCsv(sheets: XlsFormCsvSheets): FormDefinition {
  return loadXlsFormCsv(sheets).definition;
}

/** As readXlsFormCsv, with the warnings for what the kiosk ignores. */
export function loadXlsFormCsv(sheets: XlsFormCsvSheets): LoadedXlsForm {
  return loadXlsForm({
    survey: csvTable('survey', sheets.survey),
    choices: csvTable('choices', sheets.choices),
    settings: csvTable('settings', sheets.settings),
    fileName: sheets.fileName,
    attachments: Object.fromEntries(
      Object.entries(sheets.attachments ?? {}).map(([name, text]) => [name, csvTable('choices', text)]),
    ),
  });
}

export function csvTable(sheet: SheetName, text: string): SheetTable {
  try {
    return parseCsv(text);
  } catch (err) {
    if (err instanceof CsvSyntaxError) throw new FormSheetError(sheet, err.line, '', err.detail);
    throw err;
  }
}
