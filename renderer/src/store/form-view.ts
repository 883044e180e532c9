// Where a visitor stands in a form: the engine's evaluation of the answers so far, the pages it
// makes visible, and the current one. Re-evaluated on every change, incrementally (evaluateLive).
import {
  applyTriggers,
  evaluateLive,
  initialAnswers,
  visiblePages,
  type CompiledForm,
  type DeviceMetadata,
  type FormEvaluation,
  type Page,
  type ValidationIssue,
} from '../../../shared/forms/engine';
import type { AnswerValue, Answers } from '../../../shared/forms/form-definition';
import { withAnswerAt } from '../field/answer-paths';

export type FormView = {
  evaluation: FormEvaluation;
  pages: Page[];
  /** The current page's position; answers can hide later pages, so it is clamped to what exists. */
  index: number;
  page: Page | undefined;
  isLast: boolean;
  /** What keeps the visitor from leaving the current page. */
  issue: ValidationIssue | undefined;
};

/** Types the engine fills in and nobody is asked: hidden, metadata (calculate has no page). */
const UNSEEN = new Set(['hidden', 'metadata']);

export function formView(form: CompiledForm, answers: Answers, pageIndex: number): FormView {
  const evaluation = evaluateLive(form, answers);
  const pages = visiblePages(form, evaluation).filter((page) => !UNSEEN.has(page.question.type));
  const index = Math.max(0, Math.min(pageIndex, pages.length - 1));
  const page = pages[index];
  return {
    evaluation,
    pages,
    index,
    page,
    isLast: index >= pages.length - 1,
    issue: page && evaluation.issues.get(page.path),
  };
}

/** The first page holding an issue, or -1. */
export function firstPageWithIssue(view: FormView): number {
  return view.pages.findIndex((page) => view.evaluation.issues.has(page.path));
}

/**
 * What a new response starts with: the defaults, and the metadata fixed at the start (start,
 * today, the device's, in groups too) so that later evaluations keep them; end stays the moment of saving.
 */
export function startAnswers(form: CompiledForm, startedAt: string, device: DeviceMetadata): Answers {
  return initialAnswers(form, { now: startedAt, device });
}

/**
 * The answers after one change at a path ('nombre', or 'personas.0.edad' in a repeat_count
 * instance): blank removes the answer; triggered calculations then rerun.
 */
export function changeAnswer(
  form: CompiledForm,
  answers: Answers,
  path: string,
  value: AnswerValue | undefined,
): Answers {
  return applyTriggers(form, answers, withAnswerAt(withCountedEntries(form, answers, path), path, value));
}

/** A repeat_count's instances exist in the evaluation before any is answered: give them entries. */
function withCountedEntries(form: CompiledForm, answers: Answers, path: string): Answers {
  const [repeat = ''] = path.split('.', 1);
  if (repeat === path) return answers;
  const counted = evaluateLive(form, answers).values[repeat];
  if (!Array.isArray(counted)) return answers;
  const own = answers[repeat];
  const entries = Array.isArray(own) ? own.filter((entry) => typeof entry === 'object') : [];
  return { ...answers, [repeat]: counted.map((_, i) => entries[i] ?? {}) };
}
