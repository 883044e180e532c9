// Reads an XLSForm workbook (.xlsx) into the same sheet tables the CSV trio gives, so a workbook
// is checked, located (survey!C14) and loaded exactly as its sheets saved as CSV would be.
// Node only: the renderer never reads workbooks.
import ExcelJS from 'exceljs';
import type { CsvRecord } from '../csv';
import { FormSheetError } from '../form-sheet-error';
import type { SheetTable } from '../sheet';
import { loadXlsForm, type LoadedXlsForm, type XlsFormTables } from '../xlsform';
import { unpackedZipSize, ZipSizeError } from './zip-size';

/** A form's workbook unpacks to a few MiB at most; a municipality list of thousands of rows fits many times. */
export const MAX_UNPACKED_XLSX_BYTES = 64 * 1024 * 1024;

/** Sheets that hold features out of scope: refused with the feature named. */
const REFUSED_SHEETS: Readonly<Record<string, string>> = {
  entities: 'entities (the entities sheet) are not supported by Quiosco',
  external_choices: 'external choices (the external_choices sheet) are not supported by Quiosco',
};

/** The survey, choices and settings sheets of a workbook; `fileName` names the form when settings do not. */
export async function readXlsxTables(data: Uint8Array, fileName?: string): Promise<XlsFormTables> {
  const workbook = new ExcelJS.Workbook();
  try {
    // Before the reader: it would unpack and parse whatever the file holds, gigabytes included.
    unpackedZipSize(data, MAX_UNPACKED_XLSX_BYTES);
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    if (err instanceof ZipSizeError && err.tooLarge)
      throw new FormSheetError('survey', 1, '', `the workbook is too large: ${err.message}`);
    throw new FormSheetError(
      'survey',
      1,
      '',
      `not an .xlsx workbook (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const sheets = new Map(workbook.worksheets.map((sheet) => [sheet.name.trim().toLowerCase(), sheet]));
  for (const [name, reason] of Object.entries(REFUSED_SHEETS)) {
    const sheet = sheets.get(name);
    if (sheet !== undefined && tableOf(sheet).length > 1) throw new FormSheetError('settings', 1, '', reason);
  }
  const survey = sheets.get('survey');
  if (survey === undefined) throw new FormSheetError('survey', 1, '', 'the workbook has no "survey" sheet');
  const optional = (name: string): SheetTable | undefined => {
    const sheet = sheets.get(name);
    return sheet === undefined ? undefined : tableOf(sheet);
  };
  return { survey: tableOf(survey), choices: optional('choices'), settings: optional('settings'), fileName };
}

/** Reads and loads a workbook; CSV attachments (select_*_from_file) as text by file name. */
export async function loadXlsx(
  data: Uint8Array,
  fileName?: string,
  attachments: Readonly<Record<string, SheetTable>> = {},
): Promise<LoadedXlsForm> {
  return loadXlsForm({ ...(await readXlsxTables(data, fileName)), attachments });
}

/** Rows as the spreadsheet numbers them, blank rows left out as in the CSV reader. */
function tableOf(sheet: ExcelJS.Worksheet): CsvRecord[] {
  const records: CsvRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const fields: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      fields[column - 1] = cellText(cell);
    });
    const dense = Array.from(fields, (field) => field ?? '');
    if (dense.some((field) => field.trim() !== '')) records.push({ line: rowNumber, fields: dense });
  });
  return records;
}

/** A cell as a person reads it: formulas by their result, rich text and hyperlinks by their text. */
function cellText(cell: ExcelJS.Cell): string {
  const { value } = cell;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}
