// Where a visitor stands in a form: the engine's evaluation of the answers so far, the pages it
// makes visible, and the current one. Recomputed from scratch on every change (well under 1 ms).
import {
  evaluateForm,
  visiblePages,
  type CompiledForm,
  type FormEvaluation,
  type Page,
  type ValidationIssue,
} from '../../../shared/forms/engine';
import type { Answers } from '../../../shared/forms/form-definition';

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

export function formView(form: CompiledForm, answers: Answers, pageIndex: number): FormView {
  const evaluation = evaluateForm(form, answers);
  const pages = visiblePages(form, evaluation);
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
