// The thread behind answer-check-thread.ts: form definitions it has not seen yet and records in,
// each record's issues out, in order ({ id, error } should anything outside the engine fail).
import { parentPort } from 'node:worker_threads';
import { compileForm, type CompiledForm, type ValidationIssue } from '../../shared/forms/engine';
import type { FormDefinition } from '../../shared/forms/form-definition';
import { answerIssues, type CheckedAnswers } from './answer-check';

export type CheckRequest = {
  id: number;
  /** Forms first sent with this request, by the number the main thread gave them. */
  forms: { form: number; definition: FormDefinition }[];
  records: { form: number; answers: CheckedAnswers }[];
};
export type CheckReply = { id: number; issues: ValidationIssue[][] } | { id: number; error: string };

const compiled = new Map<number, CompiledForm>();
const port = parentPort;
port?.on('message', ({ id, forms, records }: CheckRequest) => {
  let reply: CheckReply;
  try {
    for (const { form, definition } of forms) compiled.set(form, compileForm(definition));
    const issues = records.map(({ form, answers }) => {
      const known = compiled.get(form);
      if (known === undefined) throw new Error(`form ${form} was never sent to this thread`);
      return answerIssues(known, answers);
    });
    reply = { id, issues };
  } catch (e) {
    reply = { id, error: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});
