// The XLSForm corpus beside the repository (../shared/xlsform-corpus, see its README): public forms
// as CSV trios with pyxform's verdict on each, and the probe forms. Read in place, never copied.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { XlsFormCsvSheets } from '../xlsform-csv';

export const CORPUS_DIR = fileURLToPath(new URL('../../../../shared/xlsform-corpus/', import.meta.url));

export type CorpusForm = { id: string; sheets: XlsFormCsvSheets; pyxformAccepts: boolean };

export const corpusAvailable = (): boolean => existsSync(`${CORPUS_DIR}pyxform-reference.json`);

function trio(stem: string, name: string): XlsFormCsvSheets {
  const read = (sheet: string): string => {
    const path = `${stem}.${sheet}.csv`;
    return existsSync(path) ? readFileSync(path, 'utf8') : '';
  };
  return { survey: read('survey'), choices: read('choices'), settings: read('settings'), fileName: name };
}

/** The 120 public forms, with pyxform's verdict. */
export function corpusForms(): CorpusForm[] {
  const reference = JSON.parse(readFileSync(`${CORPUS_DIR}pyxform-reference.json`, 'utf8')) as Record<
    string,
    { ok: boolean }
  >;
  return Object.entries(reference).map(([id, verdict]) => ({
    id,
    sheets: trio(`${CORPUS_DIR}forms/${id}`, id.split('/').at(-1) ?? id),
    pyxformAccepts: verdict.ok,
  }));
}

/** The probe forms, one feature each, by name. */
export function probeForms(): Map<string, XlsFormCsvSheets> {
  const dir = `${CORPUS_DIR}probe-forms/probes/`;
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.survey.csv'))
    .map((f) => f.slice(0, -'.survey.csv'.length))
    .sort();
  return new Map(names.map((name) => [name, trio(`${dir}${name}`, name)]));
}
