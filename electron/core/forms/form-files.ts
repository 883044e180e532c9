// Finds and reads XLSForms on disk: CSV trios (NAME.survey.csv, NAME.choices.csv,
// NAME.settings.csv) and workbooks (NAME.xlsx), with the CSV files their select_*_from_file
// questions name and the images their labels and choices name, taken from beside the form or from
// its NAME-media/ folder.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compileForm } from '../../../shared/forms/engine';
import { findFormMedia, type FormMedia } from '../../../shared/forms/node/form-media';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import { FormSheetError, type FormSheetWarning } from '../../../shared/forms/form-sheet-error';
import { readXlsxTables } from '../../../shared/forms/node/read-xlsx';
import type { SheetTable } from '../../../shared/forms/sheet';
import { loadXlsForm } from '../../../shared/forms/xlsform';
import { csvTable, loadXlsFormCsv } from '../../../shared/forms/xlsform-csv';

const SURVEY_SUFFIX = '.survey.csv';
const XLSX_SUFFIX = '.xlsx';
const SHEET_SUFFIXES = [SURVEY_SUFFIX, '.choices.csv', '.settings.csv'];

export type FormFiles = { survey: string; choices: string; settings: string };
/** A form on disk: a CSV trio, or a workbook. */
export type FormSource = { kind: 'csv'; files: FormFiles } | { kind: 'xlsx'; file: string };
export type LoadedForm = {
  file: string;
  definition: FormDefinition;
  warnings: FormSheetWarning[];
  /** The images it names, found beside it, to install with it. */
  media: FormMedia;
};

/** A form file that cannot be read or used; the message names the file and, for sheet faults, the cell. */
export class FormFileError extends Error {
  override readonly name = 'FormFileError';
  constructor(
    readonly file: string,
    message: string,
    readonly sheetError?: FormSheetError,
  ) {
    super(`${file}: ${message}`);
  }
}

/** The trios in a directory (sorted by name), or the one trio a NAME.survey.csv path belongs to. */
export function findFormFiles(path: string): FormFiles[] {
  return findFormSources(path, false).flatMap((source) => (source.kind === 'csv' ? [source.files] : []));
}

/** The forms in a directory (sorted by name), or the one form a file is. */
export function findFormSources(path: string, workbooks = true): FormSource[] {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new FormFileError(path, 'no such file or directory');
  const sourceOf = (file: string): FormSource | undefined =>
    file.endsWith(SURVEY_SUFFIX)
      ? { kind: 'csv', files: trioFor(file) }
      : workbooks && file.toLowerCase().endsWith(XLSX_SUFFIX)
        ? { kind: 'xlsx', file }
        : undefined;
  if (stat.isDirectory()) {
    return readdirSync(path)
      .sort()
      .flatMap((f) => sourceOf(join(path, f)) ?? []);
  }
  const source = sourceOf(path);
  if (source === undefined) {
    const kinds = workbooks
      ? `a NAME${SURVEY_SUFFIX} or NAME${XLSX_SUFFIX} file`
      : `a NAME${SURVEY_SUFFIX} file`;
    throw new FormFileError(path, `expected a directory or ${kinds}`);
  }
  return [source];
}

/** Reads one trio and compiles it, so a form that loads here also runs on the kiosk. */
export function loadForm(files: FormFiles): LoadedForm {
  const text = {
    survey: readSheet(files.survey),
    // A form without choices or settings is saved without those files.
    choices: existsSync(files.choices) ? readSheet(files.choices) : '',
    settings: existsSync(files.settings) ? readSheet(files.settings) : '',
  };
  return located(
    files.survey,
    (sheet) => files[sheet],
    () => {
      const stem = basename(files.survey, SURVEY_SUFFIX);
      const attachments = attachmentTexts(dirname(files.survey), stem);
      const loaded = loadXlsFormCsv({ ...text, fileName: stem, attachments });
      compileForm(loaded.definition);
      const media = findFormMedia(dirname(files.survey), stem, loaded.definition);
      return { file: files.survey, ...loaded, media };
    },
  );
}

/** Reads one form, CSV trio or workbook. */
export async function loadFormSource(source: FormSource): Promise<LoadedForm> {
  if (source.kind === 'csv') return loadForm(source.files);
  const { file } = source;
  let data: Uint8Array;
  try {
    data = readFileSync(file);
  } catch (e) {
    throw new FormFileError(file, e instanceof Error ? e.message : String(e));
  }
  const stem = basename(file).replace(/\.xlsx$/i, '');
  const tables = await locatedAsync(file, () => readXlsxTables(data, stem));
  const attachments = Object.fromEntries(
    Object.entries(attachmentTexts(dirname(file), stem)).map(([name, text]): [string, SheetTable] => [
      name,
      csvTable('choices', text),
    ]),
  );
  return located(
    file,
    () => file,
    () => {
      const loaded = loadXlsForm({ ...tables, attachments });
      return { file, ...loaded, media: findFormMedia(dirname(file), stem, loaded.definition) };
    },
  );
}

/** Every form under `path`, refusing the whole lot if any of them is broken or two share an id and version. */
export function loadForms(path: string): LoadedForm[] {
  return refuseDuplicates(findFormFiles(path).map(loadForm));
}

/** As loadForms, reading workbooks too. */
export async function loadFormsWithWorkbooks(path: string): Promise<LoadedForm[]> {
  const forms: LoadedForm[] = [];
  for (const source of findFormSources(path)) forms.push(await loadFormSource(source));
  return refuseDuplicates(forms);
}

function refuseDuplicates(forms: LoadedForm[]): LoadedForm[] {
  const seen = new Map<string, string>();
  for (const { file, definition } of forms) {
    const key = `${definition.formId} version ${definition.version}`;
    const other = seen.get(key);
    if (other !== undefined) throw new FormFileError(file, `${key} is also defined by ${other}`);
    seen.set(key, file);
  }
  return forms;
}

function located<T>(file: string, sheetFile: (sheet: FormSheetError['sheet']) => string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof FormSheetError) throw new FormFileError(sheetFile(e.sheet), e.message, e);
    if (e instanceof Error && !(e instanceof FormFileError)) throw new FormFileError(file, e.message);
    throw e;
  }
}

async function locatedAsync<T>(file: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof FormSheetError) throw new FormFileError(file, e.message, e);
    throw e;
  }
}

/** CSV files beside the form or in its NAME-media/ folder that are not its own sheets. */
function attachmentTexts(dir: string, stem: string): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const folder of [dir, join(dir, `${stem}-media`)]) {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) continue;
    for (const name of readdirSync(folder)) {
      if (!name.toLowerCase().endsWith('.csv') || SHEET_SUFFIXES.some((suffix) => name.endsWith(suffix)))
        continue;
      texts[name] = readFileSync(join(folder, name), 'utf8');
    }
  }
  return texts;
}

function trioFor(surveyPath: string): FormFiles {
  const stem = join(dirname(surveyPath), basename(surveyPath, SURVEY_SUFFIX));
  return { survey: surveyPath, choices: `${stem}.choices.csv`, settings: `${stem}.settings.csv` };
}

function readSheet(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const missing = e instanceof Error && 'code' in e && e.code === 'ENOENT';
    throw new FormFileError(
      file,
      missing ? 'missing (every form needs its survey, choices and settings sheets)' : String(e),
    );
  }
}
