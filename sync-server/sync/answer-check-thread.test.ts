import { afterAll, describe, expect, it } from 'vitest';
import { compileForm } from '../../shared/forms/engine';
import type { Answers } from '../../shared/forms/form-definition';
import { demoFormSheets } from '../../shared/forms/node/demo-forms';
import { SURVEY_LONGEST_PATH } from '../../shared/forms/node/sample-answers';
import { readXlsFormCsv } from '../../shared/forms/xlsform-csv';
import { startScriptWorker } from '../threads/script-worker';
import { answerIssues, type CheckedAnswers } from './answer-check';
import { checkAnswers, SHARED_FROM } from './answer-check-thread';
import type { CheckReply, CheckRequest } from './answer-check-worker';

const form = compileForm(readXlsFormCsv(demoFormSheets('encuesta-impacto-economico')));
const createdAt = '2026-11-20T16:03:00.000Z';

/** Valid records and every kind of refusal: constraint, type, not a choice, unknown, required. */
function records(count: number): CheckedAnswers[] {
  const faults = [
    {},
    { veces_anteriores: 99 },
    { edad: 5 },
    { motivo: 'ninguno' },
    { sin_pregunta: 'x' },
    { tamano_grupo: undefined },
  ];
  return Array.from({ length: count }, (_, i) => {
    const given = Object.entries({ ...SURVEY_LONGEST_PATH, ...faults[i % faults.length] });
    const answers = Object.fromEntries(given.filter(([, value]) => value !== undefined)) as Answers;
    return { answers, complete: i % 4 !== 0, createdAt };
  });
}

describe('answer checks shared with a thread', () => {
  const worker = startScriptWorker(new URL('./answer-check-worker.ts', import.meta.url));
  afterAll(() => worker.terminate());

  it('the thread finds exactly what this thread finds, messages included', async () => {
    const list = records(24);
    const request: CheckRequest = {
      id: 7,
      forms: [{ form: 1, definition: form.definition }],
      records: list.map((answers) => ({ form: 1, answers })),
    };
    const reply = await new Promise<CheckReply>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage(request);
    });
    expect(reply).toEqual({ id: 7, issues: list.map((answers) => answerIssues(form, answers)) });
    expect(list.map((answers) => answerIssues(form, answers).length).filter((n) => n > 0)).toHaveLength(20);
  });

  it('says when it was sent a record of a form it does not have', async () => {
    const reply = await new Promise<CheckReply>((resolve) => {
      worker.once('message', resolve);
      worker.postMessage({ id: 8, forms: [], records: [{ form: 2, answers: records(1)[0] }] });
    });
    expect(reply).toEqual({ id: 8, error: 'form 2 was never sent to this thread' });
  });

  it('a batch big enough to share answers each record in its place', async () => {
    const list = records(3 * SHARED_FROM + 1);
    const expected = list.map((answers) => answerIssues(form, answers));
    // Twice: the second time the thread has the form already.
    for (let round = 0; round < 2; round++) {
      expect(
        await checkAnswers(
          list.map((answers) => ({ form, answers })),
          true,
        ),
      ).toEqual(expected);
    }
    expect(
      await checkAnswers(
        list.map((answers) => ({ form, answers })),
        false,
      ),
    ).toEqual(expected);
    expect(await checkAnswers([])).toEqual([]);
  });
});
