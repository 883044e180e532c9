// Form engine at scale: a generated 500-question XLSForm (groups, relevance, constraints, chained
// calculations, dates, regex) read from CSV and compiled, then re-evaluated after each answer:
// in full (evaluateForm) and incrementally (FormEvaluator), over the same sequence of answers.
// Goals: load + compile ≤ 200 ms; re-evaluation after one answer median ≤ 1 ms.
import { compileForm, evaluateForm } from '../shared/forms/engine';
import type { Answers } from '../shared/forms/form-definition';
import { FormEvaluator } from '../shared/forms/form-evaluator';
import { readXlsFormCsv } from '../shared/forms/xlsform-csv';
import { seededRandom } from '../shared/random/seeded-random';
import { type BenchResult, median, round } from './bench-result';

const QUESTIONS = 500;
const PER_GROUP = 10;
const COMPILES = 20;
const WARM_UP = 200;
const ITERATIONS = 1_000;

/** One question per row, cycling through five kinds that each exercise the evaluator. */
function generatedSurvey(): string {
  const rows = ['type,name,label::es,required,relevant,constraint,calculation'];
  for (let i = 0; i < QUESTIONS; i++) {
    if (i % PER_GROUP === 0)
      rows.push(`begin_group,g${i},Grupo ${i},,${i === 0 ? '' : `\${q${i - 1}} != 'x'`},,`);
    const previous = i === 0 ? '' : `\${q${i - 1}}`;
    switch (i % 5) {
      case 0:
        rows.push(`integer,q${i},Pregunta ${i},yes,,. >= 0 and . <= 1000,`);
        break;
      case 1:
        rows.push(`select_one si_no,q${i},Pregunta ${i},,,,`);
        break;
      case 2:
        rows.push(`decimal,q${i},Pregunta ${i},,${previous} = 'si',. > 0,`);
        break;
      case 3:
        rows.push(`calculate,q${i},,,,,"coalesce(\${q${i - 3}}, 0) + coalesce(${previous}, 0) * 1.16"`);
        break;
      default:
        rows.push(
          `text,q${i},Pregunta ${i},,,"regex(., '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$') or string-length(.) < 40",`,
        );
    }
    if (i % PER_GROUP === PER_GROUP - 1) rows.push(`end_group,g${i - PER_GROUP + 1},,,,,`);
  }
  return rows.join('\n');
}

const SHEETS = {
  survey: generatedSurvey(),
  choices: 'list_name,name,label::es\nsi_no,si,Sí\nsi_no,no,No',
  settings: 'form_id,version,form_title::es,default_language,kind\nbench_500,1,Banco de 500,es,survey',
};

function answersAfter(touches: number): Answers {
  const answers: Answers = {};
  for (let i = 0; i < QUESTIONS; i++) {
    if (i % 5 === 0) answers[`q${i}`] = (i + touches) % 1000;
    else if (i % 5 === 1) answers[`q${i}`] = (i + touches) % 3 === 0 ? 'no' : 'si';
    else if (i % 5 === 2) answers[`q${i}`] = 12.5 + touches;
    else if (i % 5 === 4) answers[`q${i}`] = `persona${i}@cultura.gob.mx`;
  }
  return answers;
}

/** Each state differs from the one before by one answer: set, changed or cleared. */
function oneAnswerAtATime(count: number): Answers[] {
  const rand = seededRandom(500);
  const states = [answersAfter(0)];
  for (let k = 1; k < count; k++) {
    const previous = states[k - 1] as Answers;
    const i = Math.floor(rand() * QUESTIONS);
    if (i % 5 === 3) {
      states.push(previous);
      continue;
    }
    const next = { ...previous };
    if (rand() < 0.1) delete next[`q${i}`];
    else next[`q${i}`] = answersAfter(Math.floor(rand() * 7))[`q${i}`] ?? '';
    states.push(next);
  }
  return states;
}

function samples(count: number, run: (i: number) => unknown): number[] {
  const times: number[] = [];
  let sink = 0;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = run(i);
    times.push(performance.now() - started);
    // Use each result so the work cannot be optimised away.
    if (result !== undefined) sink++;
  }
  if (sink === 0) throw new Error('benchmark produced no results');
  return times;
}

export async function benchFormEngine(): Promise<BenchResult[]> {
  const compiles = samples(COMPILES, () => compileForm(readXlsFormCsv(SHEETS)));
  const definition = readXlsFormCsv(SHEETS);
  const copies = samples(COMPILES, () => JSON.parse(JSON.stringify(definition)) as unknown);

  const form = compileForm(definition);
  const options = { today: '2026-11-01' };
  const states = oneAnswerAtATime(WARM_UP + ITERATIONS);
  const at = (i: number): Answers => states[i] as Answers;
  const full = (i: number): unknown => evaluateForm(form, at(i), options).values;
  samples(WARM_UP, full);
  const fullEvaluations = samples(ITERATIONS, (i) => full(WARM_UP + i));
  // The evaluator sees the states in order, so each evaluation follows a one-answer change.
  const evaluator = new FormEvaluator(form, options);
  samples(WARM_UP, (i) => evaluator.evaluate(at(i)).values);
  const incremental = samples(ITERATIONS, (i) => evaluator.evaluate(at(WARM_UP + i)).values);
  const answerCopies = samples(ITERATIONS, (i) => JSON.parse(JSON.stringify(at(i))) as unknown);

  return [
    { name: 'form engine 500: load + compile (median)', value: round(median(compiles), 3), unit: 'ms' },
    {
      name: 'baseline: JSON copy of the 500-question definition (median)',
      value: round(median(copies), 3),
      unit: 'ms',
    },
    {
      name: 'baseline: form engine 500: full re-evaluation after one answer (median)',
      value: round(median(fullEvaluations), 4),
      unit: 'ms',
    },
    {
      name: 'form engine 500: incremental re-evaluation after one answer (median)',
      value: round(median(incremental), 4),
      unit: 'ms',
    },
    {
      name: 'baseline: JSON copy of the 500 answers (median)',
      value: round(median(answerCopies), 4),
      unit: 'ms',
    },
  ];
}
