// Finds and reads XLSForm CSV trios (NAME.survey.csv, NAME.choices.csv, NAME.settings.csv) on disk.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { compileForm } from '../../../shared/forms/engine';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import { FormSheetError } from '../../../shared/forms/form-sheet-error';
import { readXlsFormCsv } from '../../../shared/forms/xlsform-csv';

const SURVEY_SUFFIX = '.survey.csv';

export type FormFiles = { survey: string; choices: string; settings: string };
export type LoadedForm = { files: FormFiles; definition: FormDefinition };

/** A form file that cannot be read or used; the message names the file and, for sheet faults, the row and column. */
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
  const stat = statSync(path, { throwIfNoEntry: false });
  if (stat === undefined) throw new FormFileError(path, 'no such file or directory');
  if (stat.isDirectory()) {
    return readdirSync(path)
      .filter((f) => f.endsWith(SURVEY_SUFFIX))
      .sort()
      .map((f) => trioFor(join(path, f)));
  }
  if (!path.endsWith(SURVEY_SUFFIX))
    throw new FormFileError(path, `expected a directory or a NAME${SURVEY_SUFFIX} file`);
  return [trioFor(path)];
}

/** Reads one trio and compiles it, so a form that loads here also runs on the kiosk. */
export function loadForm(files: FormFiles): LoadedForm {
  const text = {
    survey: readSheet(files.survey),
    choices: readSheet(files.choices),
    settings: readSheet(files.settings),
  };
  try {
    const definition = readXlsFormCsv(text);
    compileForm(definition);
    return { files, definition };
  } catch (e) {
    if (e instanceof FormSheetError) throw new FormFileError(files[e.sheet], e.message, e);
    if (e instanceof Error) throw new FormFileError(files.survey, e.message);
    throw e;
  }
}

/** Every form under `path`, refusing the whole lot if any of them is broken or two share an id and version. */
export function loadForms(path: string): LoadedForm[] {
  const forms = findFormFiles(path).map(loadForm);
  const seen = new Map<string, string>();
  for (const { files, definition } of forms) {
    const key = `${definition.formId} version ${definition.version}`;
    const other = seen.get(key);
    if (other !== undefined) throw new FormFileError(files.survey, `${key} is also defined by ${other}`);
    seen.set(key, files.survey);
  }
  return forms;
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
