// The server's check of a pushed record's answers against the form version it was made with:
// the kiosk's own engine, run on this thread or on the answer-check thread (answer-check-thread.ts),
// which gives the same verdicts since both run this function.
import { submissionIssues, type CompiledForm, type ValidationIssue } from '../../shared/forms/engine';
import type { SubmissionPayload } from '../../shared/sync/protocol';

/** What of a record the check reads. */
export type CheckedAnswers = Pick<SubmissionPayload, 'answers' | 'complete' | 'createdAt'>;

/**
 * The engine's verdict, evaluated with the kiosk's own date for today() so the server judges as
 * the kiosk did. A fault inside the engine fails this record, not the whole batch forever.
 */
export function answerIssues(form: CompiledForm, p: CheckedAnswers): ValidationIssue[] {
  try {
    return submissionIssues(form, p.answers, { complete: p.complete, today: p.createdAt.slice(0, 10) });
  } catch (e) {
    const message = { es: `error al evaluar: ${String(e)}`, en: `evaluation failed: ${String(e)}` };
    return [{ path: '(form)', code: 'type', message }];
  }
}
