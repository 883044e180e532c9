// Incremental evaluation equals a full one: on the real forms (ours and the loadable part of the
// XLSForm corpus), random sequences of single changes are evaluated both ways after every step.
// Then what the evaluator reruns: only what an answer reaches, and nothing time- or chance-based
// on an unrelated answer.
import { readFileSync } from 'node:fs';
import { describe, expect, test, vi } from 'vitest';
import { seededRandom } from '../random/seeded-random';
import { compileForm, evaluateForm, initialAnswers, type CompiledForm, type FormEvaluation } from './engine';
import { FormEvaluator, evaluateLive } from './form-evaluator';
import type { Answers } from './form-definition';
import { FormSheetError } from './form-sheet-error';
import { randomChange } from './node/random-changes';
import { corpusAvailable, corpusForms, probeForms } from './node/xlsform-corpus';
import { loadXlsFormCsv, readXlsFormCsv, type XlsFormCsvSheets } from './xlsform-csv';

const OPTIONS = { today: '2026-05-01', now: '2026-05-01T10:00:00.000Z', randomSeed: 7 };
const OUR_FORMS = ['encuesta-impacto-economico', 'registro-visitantes', 'patrimonio-inmaterial'];
const SHARED_FORMS = new URL('../../../shared/forms/', import.meta.url);

function ourForm(name: string): XlsFormCsvSheets {
  const read = (sheet: string): string => readFileSync(new URL(`${name}.${sheet}.csv`, SHARED_FORMS), 'utf8');
  return { survey: read('survey'), choices: read('choices'), settings: read('settings') };
}

/** Everything an evaluation says, orders included, as comparable data. */
function comparable(evaluation: FormEvaluation): unknown {
  return {
    values: JSON.stringify(evaluation.values),
    relevant: [...evaluation.relevant],
    issues: [...evaluation.issues.entries()],
    readOnly: [...evaluation.readOnly],
    required: [...evaluation.required],
    choiceOptions: [...evaluation.choiceOptions.entries()],
    instanceName: evaluation.instanceName,
  };
}

/** Applies `steps` random changes; after each, incremental and full evaluation must agree. */
function walk(form: CompiledForm, seed: number, steps: number): { incremental: number } {
  const rand = seededRandom(seed);
  const evaluator = new FormEvaluator(form, OPTIONS);
  let answers: Answers = {};
  let incremental = 0;
  for (let step = 0; step < steps; step++) {
    answers = randomChange(form, answers, rand);
    const got = comparable(evaluator.evaluate(answers));
    if (!evaluator.work.full) incremental++;
    expect(got, `seed ${seed} step ${step}: ${JSON.stringify(answers)}`).toEqual(
      comparable(evaluateForm(form, answers, OPTIONS)),
    );
  }
  return { incremental };
}

// random() and uuid() differ on every full evaluation, so such forms cannot be compared.
const deterministic = (sheets: XlsFormCsvSheets): boolean => !/\b(random|uuid)\s*\(/.test(sheets.survey);

function loadable(sheets: XlsFormCsvSheets): CompiledForm | undefined {
  try {
    return compileForm(loadXlsFormCsv(sheets).definition);
  } catch (err) {
    if (err instanceof FormSheetError) return undefined;
    throw err;
  }
}

/** Every kind of reading the graph knows, in one form: repeats in repeats, aggregates, filters. */
const EVERYTHING = compileForm(
  readXlsFormCsv({
    survey: [
      'type,name,label::es,relevant,calculation,constraint,required,read_only,choice_filter,parameters,repeat_count',
      'select_one si_no,activo,Activo,,,,,,,,',
      'integer,base,Base,,,. < 15,,,,,',
      "begin_group,g_propio,G,${clave} != 'no',,,,,,,",
      'select_one si_no,clave,Clave,,,,,,,,',
      "decimal,d,D,${activo} = 'si',,,${base} > 5,,,,",
      'end_group,,,,,,,,,,',
      'select_one estado,edo,Estado,,,,,,,,',
      'select_one municipio,mun,Municipio,,,,,,estado = ${edo},,',
      'select_one si_no,azar,Azar,,,,,,,randomize=true seed=${base},',
      'begin_repeat,casa,Casa,,,,,,,,',
      "integer,personas,Personas,${activo} != 'no',,,,,,,",
      'calculate,extra,,,"${base} + coalesce(${personas}, 0)",,,,,,',
      'calculate,n_casa,,,position(..),,,,,,',
      'begin_repeat,cuarto,Cuarto,,,,,,,,',
      'decimal,m2,M2,,,. > ${base} div 10,,,,,',
      'calculate,rel,,,${m2} * ${personas},,,,,,',
      'end_repeat,,,,,,,,,,',
      'calculate,area_casa,,,sum(${m2}),,,,,,',
      'text,nota_casa,Nota,,,,count(${cuarto}) > 1,${personas} > 3,,,',
      'end_repeat,,,,,,,,,,',
      'calculate,total,,,sum(${personas}),,,,,,',
      'calculate,area,,,sum(${m2}),,,,,,',
      'calculate,segunda,,,"indexed-repeat(${m2}, ${casa}, 2, ${cuarto}, 1)",,,,,,',
      'calculate,nombre_edo,,,"jr:choice-name(${edo}, \'${edo}\')",,,,,,',
      'calculate,primero,,,once(${base}),,,,,,',
      'text,resumen,Resumen,${area} > 10 or ${total} > 2,,,,,,,',
      'begin_repeat,fijas,Fijas,,,,,,,,"if(${activo} = \'si\', 2, 1)"',
      "integer,edad,Edad,position(..) = 1 or ${activo} = 'si',,,,,,,",
      'end_repeat,,,,,,,,,,',
      'calculate,edades,,,sum(${edad}),,,,,,',
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
    settings: `form_id,version,form_title::es,kind,instance_name\nprueba,1,Prueba,survey,"concat(\${edo}, '-', \${base})"`,
  }),
);

describe('incremental evaluation equals full evaluation after every change', () => {
  test('a form with every kind of reading', () => {
    let incremental = 0;
    for (let seed = 1; seed <= 40; seed++) incremental += walk(EVERYTHING, seed, 80).incremental;
    expect(incremental).toBeGreaterThan(40 * 80 * 0.5);
  });

  test.each(OUR_FORMS)('%s', (name) => {
    const form = compileForm(readXlsFormCsv(ourForm(name)));
    let incremental = 0;
    for (let seed = 1; seed <= 12; seed++) incremental += walk(form, seed, 60).incremental;
    // Most single changes are evaluated incrementally, not by falling back to a full pass.
    expect(incremental).toBeGreaterThan(12 * 60 * 0.5);
  });

  test.skipIf(!corpusAvailable())('the corpus forms and probe forms that load', () => {
    const sheets = [...corpusForms().map((f) => f.sheets), ...probeForms().values()];
    const forms = sheets
      .filter(deterministic)
      .map(loadable)
      .filter((form) => form !== undefined);
    expect(forms.length).toBeGreaterThan(100);
    // Forms with repeats get longer walks: entries are added and answered, then removed.
    const steps = (form: CompiledForm): number =>
      [...form.byName.values()].some((node) => node.kind === 'repeat') ? 150 : 40;
    let incremental = 0;
    let total = 0;
    forms.forEach((form, i) => {
      incremental += walk(form, 100 + i, steps(form)).incremental;
      total += steps(form);
    });
    expect(incremental).toBeGreaterThan(total * 0.5);
  });
});

function small(...rows: string[]): CompiledForm {
  const survey = ['type,name,label::es,relevant,calculation', ...rows].join('\n');
  const choices = 'list_name,name,label::es\nsi_no,si,Sí\nsi_no,no,No';
  const settings = 'form_id,version,form_title::es,kind\nprueba,1,Prueba,survey';
  return compileForm(readXlsFormCsv({ survey, choices, settings }));
}

describe('what one answer reruns', () => {
  test('now(), today() and random() keep their values when an unrelated answer changes', () => {
    const form = small(
      'text,nombre,Nombre,,',
      'calculate,ahora,,,now()',
      'calculate,hoy,,,today()',
      'calculate,suerte,,,random()',
      'calculate,saludo,,,"concat(\'Hola \', ${nombre})"',
    );
    const evaluator = new FormEvaluator(form);
    const first = evaluator.evaluate({}).values;
    const next = evaluator.evaluate({ nombre: 'Ana' }).values;
    expect(next).toEqual({ ...first, nombre: 'Ana', saludo: 'Hola Ana' });
    expect(evaluator.work).toEqual({ full: false, settled: 2, checked: 1 });
    // A full evaluation draws random() again: what the evaluator avoids.
    expect(evaluateForm(form, { nombre: 'Ana' }).values.suerte).not.toBe(first.suerte);
  });

  test('today() rolls at midnight: a visitor who starts at 23:59 and finishes at 00:01 reads the new day', () => {
    const form = small(
      'today,dia_de_inicio,,,',
      'text,nombre,Nombre,,',
      'calculate,hoy,,,today()',
      "note,aviso,Ya es noviembre 2,today() = '2026-11-02',",
    );
    // Local times, as the kiosk's clock shows them; the test injects the clock, it waits for nothing.
    let moment = new Date(2026, 10, 1, 23, 59);
    const clock = () => moment;
    const evaluator = new FormEvaluator(form, { clock });
    const started = initialAnswers(form, { clock });
    expect(evaluator.evaluate(started).values).toEqual({ dia_de_inicio: '2026-11-01', hoy: '2026-11-01' });
    expect(evaluator.evaluate({ ...started, nombre: 'Ana' }).relevant.has('aviso')).toBe(false);
    expect(evaluator.work.full).toBe(false);

    moment = new Date(2026, 10, 2, 0, 1);
    const finished = evaluator.evaluate({ ...started, nombre: 'Ana Luz' });
    // The start's date is metadata, fixed when the response began (ODK's today preload).
    expect(finished.values).toEqual({ dia_de_inicio: '2026-11-01', nombre: 'Ana Luz', hoy: '2026-11-02' });
    expect(finished.relevant.has('aviso')).toBe(true);
    expect(evaluator.work.full).toBe(true);
    expect(comparable(finished)).toEqual(
      comparable(evaluateForm(form, { ...started, nombre: 'Ana Luz' }, { clock })),
    );
    // The same day again: incremental once more.
    evaluator.evaluate({ ...started, nombre: 'Ana' });
    expect(evaluator.work.full).toBe(false);
  });

  test('end metadata is the moment of each evaluation when no moment is given', () => {
    const form = small('text,nombre,Nombre,,', 'end,fin,,,', 'calculate,hora,,,"substr(${fin}, 11, 16)"');
    vi.useFakeTimers({ now: new Date('2026-05-01T10:00:00.000Z') });
    try {
      const evaluator = new FormEvaluator(form);
      expect(evaluator.evaluate({}).values).toMatchObject({ hora: '10:00' });
      vi.setSystemTime(new Date('2026-05-01T10:07:00.000Z'));
      const values = evaluator.evaluate({ nombre: 'Ana' }).values;
      expect(values).toEqual({ nombre: 'Ana', fin: '2026-05-01T10:07:00.000Z', hora: '10:07' });
      expect(values).toEqual(evaluateForm(form, { nombre: 'Ana' }).values);
    } finally {
      vi.useRealTimers();
    }
  });

  test('an answer inside one repeat entry reruns that entry and the aggregates, not the other entries', () => {
    const form = small(
      'begin_repeat,casa,Casa,,',
      'integer,personas,Personas,,',
      'calculate,doble,,,${personas} * 2',
      'end_repeat,,,,',
      'calculate,total,,,sum(${personas})',
      'calculate,casas,,,count(${casa})',
    );
    const evaluator = new FormEvaluator(form, OPTIONS);
    const casa = [1, 2, 3, 4, 5].map((personas) => ({ personas }));
    evaluator.evaluate({ casa });
    const changed = { casa: casa.map((entry, i) => (i === 2 ? { personas: 30 } : entry)) };
    const { values } = evaluator.evaluate(changed);
    expect(values).toMatchObject({ total: 42, casas: 5 });
    expect((values.casa as Answers[]).map((entry) => entry.doble)).toEqual([2, 4, 60, 8, 10]);
    // personas and doble in entry 3, then total: count(${casa}) and the other entries are untouched.
    expect(evaluator.work).toEqual({ full: false, settled: 3, checked: 1 });
    // A new entry changes the repeat's structure: evaluated in full.
    evaluator.evaluate({ casa: [...casa, { personas: 6 }] });
    expect(evaluator.work.full).toBe(true);
  });

  test('a question turned irrelevant is blank for what reads it', () => {
    const form = small(
      'select_one si_no,activo,Activo,,',
      "integer,n,N,${activo} = 'si',",
      'calculate,doble,,,"coalesce(${n}, 0) * 2"',
    );
    const evaluator = new FormEvaluator(form, OPTIONS);
    expect(evaluator.evaluate({ activo: 'si', n: 4 }).values.doble).toBe(8);
    const { values, relevant } = evaluator.evaluate({ activo: 'no', n: 4 });
    expect(values).toEqual({ activo: 'no', doble: 0 });
    expect(relevant.has('n')).toBe(false);
    expect(evaluator.work).toEqual({ full: false, settled: 3, checked: 2 });
  });
});

test('evaluateLive keeps one evaluator per form: a random() calculation survives an unrelated answer', () => {
  const form = small('text,nombre,Nombre,,', 'calculate,suerte,,,random()');
  const first = evaluateLive(form, {}).values.suerte;
  expect(evaluateLive(form, { nombre: 'Ana' }).values).toEqual({ nombre: 'Ana', suerte: first });
  expect(evaluateLive(form, { nombre: 'Eva' }).values).toEqual({ nombre: 'Eva', suerte: first });
});
