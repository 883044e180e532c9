// The three demo forms from demo/forms, read from disk for tests and benchmarks.
// Under shared/**/node/, which only Node code imports (tsconfig.web.json leaves it out).
import { readFileSync } from 'node:fs';
import type { XlsFormCsvSheets } from '../xlsform-csv';

export const DEMO_FORMS = [
  'encuesta-impacto-economico',
  'registro-visitantes',
  'patrimonio-inmaterial',
] as const;
export type DemoForm = (typeof DEMO_FORMS)[number];

const DEMO_DIR = new URL('../../../demo/forms/', import.meta.url);

export function demoFormSheets(name: DemoForm): XlsFormCsvSheets {
  const read = (sheet: keyof XlsFormCsvSheets): string =>
    readFileSync(new URL(`${name}.${sheet}.csv`, DEMO_DIR), 'utf8');
  return { survey: read('survey'), choices: read('choices'), settings: read('settings') };
}
