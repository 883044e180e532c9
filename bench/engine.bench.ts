// Form engine: re-evaluating the whole economic-impact survey after one answer changes, as the
// renderer does on every touch (goal: median ≤ 1 ms); and the sync server's check of a pushed
// record's answers (submissionIssues), in CPU time per record over batches of 1,000 as a push
// brings them: the survey records the ingest bench pushes, and random heritage records (repeats).
import { compileForm, evaluateForm, submissionIssues, type CompiledForm } from '../shared/forms/engine';
import { FormDefinitionSchema, type Answers } from '../shared/forms/form-definition';
import { demoFormSheets, type DemoForm } from '../shared/forms/node/demo-forms';
import { SURVEY_LONGEST_PATH, randomHeritageAnswers } from '../shared/forms/node/sample-answers';
import { readXlsFormCsv } from '../shared/forms/xlsform-csv';
import { seededRandom } from '../shared/random/seeded-random';
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
    ...answerChecks(),
  ];
}

const BATCH = 1_000;
const WARM_UP_BATCHES = 10;
const BATCHES = 30;

/** A demo form as the server compiles an attached version: from its stored JSON. */
function serverForm(name: DemoForm): CompiledForm {
  const stored = JSON.stringify(readXlsFormCsv(demoFormSheets(name)));
  return compileForm(FormDefinitionSchema.parse(JSON.parse(stored)));
}

function answerChecks(): BenchResult[] {
  const survey = serverForm('encuesta-impacto-economico');
  const heritage = serverForm('patrimonio-inmaterial');
  const rand = seededRandom(15);
  // Each record parsed from its own JSON, as a push's body arrives.
  const surveys = Array.from(
    { length: BATCH },
    () => JSON.parse(JSON.stringify(SURVEY_LONGEST_PATH)) as Answers,
  );
  const records = Array.from({ length: BATCH }, () => randomHeritageAnswers(rand, heritage.definition));
  const heritages = records.map((answers) => JSON.parse(JSON.stringify(answers)) as Answers);
  return [
    {
      name: 'form engine: answer check of a pushed survey record (median CPU)',
      value: round(checkMicros(survey, surveys), 2),
      unit: 'µs',
    },
    {
      name: 'form engine: answer check of a random heritage record (median CPU)',
      value: round(checkMicros(heritage, heritages), 2),
      unit: 'µs',
    },
  ];
}

/** CPU microseconds per record of checking a batch, the median batch (the machine may be shared). */
function checkMicros(form: CompiledForm, batch: readonly Answers[]): number {
  const options = { complete: true, today: '2026-11-20' };
  const perRecord: number[] = [];
  let issues = 0;
  for (let b = 0; b < WARM_UP_BATCHES + BATCHES; b++) {
    const started = process.cpuUsage();
    for (const answers of batch) issues += submissionIssues(form, answers, options).length;
    const used = process.cpuUsage(started);
    if (b >= WARM_UP_BATCHES) perRecord.push((used.user + used.system) / batch.length);
  }
  // The records are valid: an issue means the bench is not measuring what it says.
  if (issues > 0) throw new Error(`${issues} issues in records meant to be valid`);
  return median(perRecord);
}
