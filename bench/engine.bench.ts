// Form engine: re-evaluating the whole economic-impact survey after one answer changes, as the
// renderer does on every touch. Goal: median ≤ 1 ms.
import { compileForm, evaluateForm } from '../shared/forms/engine';
import type { Answers } from '../shared/forms/form-definition';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { SURVEY_LONGEST_PATH } from '../shared/forms/node/sample-answers';
import { readXlsFormCsv } from '../shared/forms/xlsform-csv';
import { type BenchResult, median, percentile, round } from './bench-result';

const WARM_UP = 500;
const ITERATIONS = 2_000;

export async function benchEngine(): Promise<BenchResult[]> {
  const form = compileForm(readXlsFormCsv(demoFormSheets('encuesta-impacto-economico')));
  // Each iteration is the state after one more touch: the group size changes.
  const states = Array.from({ length: 60 }, (_, i): Answers => ({
    ...SURVEY_LONGEST_PATH,
    tamano_grupo: i + 1,
  }));
  let sink = 0;
  const time = (run: (answers: Answers) => Answers): number[] => {
    const samples: number[] = [];
    for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
      const answers = states[i % states.length] as Answers;
      const started = performance.now();
      const result = run(answers);
      const elapsed = performance.now() - started;
      if (i >= WARM_UP) samples.push(elapsed);
      // Use each result so the work cannot be optimised away.
      sink += Object.keys(result).length;
    }
    return samples;
  };
  const evaluations = time((answers) => evaluateForm(form, answers, { today: '2026-11-01' }).values);
  const copies = time((answers) => JSON.parse(JSON.stringify(answers)) as Answers);
  if (sink === 0) throw new Error('benchmark produced no results');
  return [
    {
      name: 'form engine: re-evaluate economic survey (median)',
      value: round(median(evaluations), 4),
      unit: 'ms',
    },
    {
      name: 'form engine: re-evaluate economic survey (p99)',
      value: round(percentile(evaluations, 99), 4),
      unit: 'ms',
    },
    { name: 'baseline: JSON copy of the same answers (median)', value: round(median(copies), 4), unit: 'ms' },
  ];
}
