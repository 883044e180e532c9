// The issues-only check (submissionIssues, validateSubmission: a run settled for its issues, each
// found as the walk reaches it) against the full evaluation the kiosk's screens read: the same
// issues, in the same order, with the same messages, on many generated records (valid and not,
// repeats included) of our forms, a form with every kind of check, and the corpus and probe forms.
import { describe, expect, test } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import {
  compileForm,
  evaluateForm,
  submissionIssues,
  validateSubmission,
  type CompiledForm,
  type EvaluateOptions,
} from './engine';
import type { Answers } from './form-definition';
import { FormSheetError } from './form-sheet-error';
import { DEMO_FORMS, demoFormSheets } from './node/demo-forms';
import { randomAnswers } from './node/random-answers';
import { randomChange } from './node/random-changes';
import { corpusAvailable, corpusForms, probeForms } from './node/xlsform-corpus';
import { randomHeritageAnswers, randomRegistrationAnswers, randomSurveyAnswers } from './node/sample-answers';
import type { Random } from './node/sample-answers';
import { loadXlsFormCsv, readXlsFormCsv, type XlsFormCsvSheets } from './xlsform-csv';

const OPTIONS: EvaluateOptions = { today: '2026-05-01', now: '2026-05-01T10:00:00.000Z', randomSeed: 7 };

/** Read-only, required and choice filters in and out of repeats, choices from earlier answers. */
const CHECKS = compileForm(
  readXlsFormCsv({
    survey: [
      'type,name,label::es,relevant,calculation,constraint,required,read_only,choice_filter,parameters,repeat_count',
      'select_one si_no,activo,Activo,,,,yes,,,,',
      'integer,base,Base,,,. < 15,${activo} = "si",,,,',
      "begin_group,g_propio,G,${clave} != 'no',,,,,,,",
      'select_one si_no,clave,Clave,,,,,,,,',
      "decimal,d,D,${activo} = 'si',,. > ${base},${base} > 5,,,,",
      'end_group,,,,,,,,,,',
      'select_one estado,edo,Estado,,,,,,,,',
      'select_one municipio,mun,Municipio,,,,${edo} != "",,estado = ${edo},,',
      'select_multiple municipio,muns,Municipios,,,,,,estado = ${edo} or ${base} > 3,,',
      'select_one si_no,azar,Azar,,,,,,,randomize=true seed=${base},',
      'rank municipio,orden,Orden,,,,,,estado = ${edo},,',
      'begin_repeat,casa,Casa,,,,,,,,',
      'text,nombre_casa,Nombre,,,string-length(.) > 1,yes,,,,',
      "integer,personas,Personas,${activo} != 'no',,. > position(..),,,,,",
      'calculate,n_casa,,,position(..),,,,,,',
      'begin_repeat,cuarto,Cuarto,,,,,,,,',
      'decimal,m2,M2,,,. > ${base} div 10,${personas} > 1,,,,',
      'end_repeat,,,,,,,,,,',
      'text,nota_casa,Nota,,,,count(${cuarto}) > 1,${personas} > 3,,,',
      'end_repeat,,,,,,,,,,',
      'select_one ${nombre_casa},favorita,Favorita,,,,,,${personas} > 1,,',
      'select_one ${nombre_casa},otra_casa,Otra,,,,,,,,',
      'calculate,total,,,sum(${personas}),,,,,,',
      'integer,estimado,Estimado,,,. >= ${total},${total} > 2,,,,',
      'begin_repeat,fijas,Fijas,,,,,,,,"if(${activo} = \'si\', 2, 1)"',
      "integer,edad,Edad,position(..) = 1 or ${activo} = 'si',,. < 120,yes,,,,",
      'end_repeat,,,,,,,,,,',
      'date,cuando,Cuando,,,. <= today(),,,,,',
    ].join('\n'),
    choices: [
      'list_name,name,label::es,estado',
      'si_no,si,Sí,',
      'si_no,no,No,',
      'estado,hgo,Hidalgo,',
      'estado,ver,Veracruz,',
      'municipio,pachuca,Pachuca,hgo',
      'municipio,tula,Tula,hgo',
      'municipio,xalapa,Xalapa,ver',
    ].join('\n'),
    settings: 'form_id,version,form_title::es,kind\nprueba,1,Prueba,survey',
  }),
);

/** The issues the kiosk shows: a full evaluation's, less required ones for an incomplete response. */
function shownIssues(form: CompiledForm, answers: Answers, complete: boolean): unknown[] {
  return [...evaluateForm(form, answers, OPTIONS).issues.values()].filter(
    (issue) => complete || issue.code !== 'required',
  );
}

/** Checks one record both ways, complete and not; how many issues it had. */
function compare(form: CompiledForm, answers: Answers, label: string): number {
  let found = 0;
  for (const complete of [true, false]) {
    const shown = shownIssues(form, answers, complete);
    const options = { ...OPTIONS, complete };
    const where = `${label} (complete ${complete}): ${JSON.stringify(answers)}`;
    expect(submissionIssues(form, answers, options), where).toEqual(shown);
    const check = validateSubmission(form, answers, options);
    if (shown.length === 0)
      expect(check, where).toEqual({ ok: true, answers: evaluateForm(form, answers, OPTIONS).values });
    else expect(check, where).toEqual({ ok: false, issues: shown });
    found += shown.length;
  }
  return found;
}

/** Random answers of every type (some wrong), then walks of single changes (blanks, strangers). */
function records(
  form: CompiledForm,
  seed: number,
  count: number,
  own?: (rand: Random) => Answers,
): Answers[] {
  const rand = seededRandom(seed);
  const out: Answers[] = [];
  for (let i = 0; i < count; i++)
    out.push(own && i % 2 === 0 ? own(rand) : randomAnswers(form.definition, rand));
  let walked: Answers = {};
  for (let i = 0; i < count; i++) {
    walked = randomChange(form, walked, rand);
    out.push(i % 7 === 0 ? { ...walked, desconocida: 'x' } : walked);
  }
  return out;
}

const GENERATORS = {
  'encuesta-impacto-economico': randomSurveyAnswers,
  'registro-visitantes': randomRegistrationAnswers,
  'patrimonio-inmaterial': randomHeritageAnswers,
} as const;

describe('issues-only checks find what a full evaluation finds', () => {
  test('a form with every kind of check', () => {
    let issues = 0;
    for (let seed = 1; seed <= 10; seed++)
      records(CHECKS, seed, 60).forEach(
        (answers, i) => (issues += compare(CHECKS, answers, `seed ${seed} #${i}`)),
      );
    expect(issues).toBeGreaterThan(1000);
  });

  test.each(DEMO_FORMS)('%s', (name) => {
    const form = compileForm(readXlsFormCsv(demoFormSheets(name)));
    const own = (rand: Random): Answers => GENERATORS[name](rand, form.definition);
    let valid = 0;
    for (let seed = 1; seed <= 4; seed++)
      for (const answers of records(form, seed, 80, own)) if (compare(form, answers, name) === 0) valid++;
    // Valid records as well as refused ones.
    expect(valid).toBeGreaterThan(20);
  });

  test.skipIf(!corpusAvailable())('the corpus forms and probe forms that load', () => {
    const sheets = [...corpusForms().map((f) => f.sheets), ...probeForms().values()];
    // random() and uuid() differ on every evaluation, so such forms cannot be compared.
    const forms = sheets.filter((s) => !/\b(random|uuid)\s*\(/.test(s.survey)).map(loadable);
    const loaded = forms.filter((form) => form !== undefined);
    expect(loaded.length).toBeGreaterThan(100);
    loaded.forEach((form, i) => {
      for (const answers of records(form, 500 + i, 25)) compare(form, answers, form.definition.formId);
    });
  });
});

function loadable(sheets: XlsFormCsvSheets): CompiledForm | undefined {
  try {
    return compileForm(loadXlsFormCsv(sheets).definition);
  } catch (err) {
    if (err instanceof FormSheetError) return undefined;
    throw err;
  }
}
