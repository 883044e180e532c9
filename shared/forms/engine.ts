// The form engine: compile a form once, then evaluate answers against it as often as they change.
import { hiddenByAppearance } from './appearances';
import { isInstanceList, ownAnswer } from './answer-values';
import type { CompiledForm, CompiledNode } from './compile-form';
import { Run, type EvaluateOptions, type ValidationIssue } from './evaluate-form';
import { answersOf, gatherIssues, type FormEvaluation } from './evaluation-result';
import type { Answers, Group, Question } from './form-definition';

export { compileForm, type CompiledForm } from './compile-form';
export {
  type DeviceMetadata,
  type EvaluateOptions,
  type IssueCode,
  type ValidationIssue,
} from './evaluate-form';
export { evaluateForm, type FormEvaluation } from './evaluation-result';
export { FormSheetError } from './form-sheet-error';
export { FormEvaluator, evaluateLive, type EvaluationWork } from './form-evaluator';
export { applyTriggers, initialAnswers, newRepeatInstance } from './form-defaults';
export { fillText } from './form-text';

export type SubmissionCheck = { ok: true; answers: Answers } | { ok: false; issues: ValidationIssue[] };
type SubmissionOptions = { complete: boolean } & EvaluateOptions;

/**
 * Checks answers before they are saved and returns what to store. A complete response must answer
 * every relevant required question; an incomplete one (kept at idle timeout) need not, but what it
 * holds must still be well-typed and satisfy constraints.
 */
export function validateSubmission(
  form: CompiledForm,
  answers: Answers,
  options: SubmissionOptions,
): SubmissionCheck {
  const run = new Run(form, options, answers, 'answers');
  const issues = refusingIssues(run, options.complete);
  return issues.length === 0 ? { ok: true, answers: answersOf(run, run.root) } : { ok: false, issues };
}

/**
 * validateSubmission's issues alone (none: valid), for a server that judges pushed records and
 * keeps them as sent: nothing is gathered that only a kiosk's screens or its saving would read.
 */
export function submissionIssues(
  form: CompiledForm,
  answers: Answers,
  options: SubmissionOptions,
): ValidationIssue[] {
  // `complete` rides along in the options unread: no copy of them for every record checked.
  return refusingIssues(new Run(form, options, answers, 'issues'), options.complete);
}

function refusingIssues(run: Run, complete: boolean): ValidationIssue[] {
  const refusing: ValidationIssue[] = [];
  for (const issue of gatherIssues(run).values())
    if (complete || issue.code !== 'required') refusing.push(issue);
  return refusing;
}

export type Page = {
  path: string;
  question: Question;
  /** Groups and repeats containing the question, outermost first. */
  groups: Group[];
  /** The innermost repeat instance holding the question. */
  repeat?: { name: string; index: number };
};

/** One page per relevant question a person sees (notes included, calculations not), in form order. */
export function visiblePages(form: CompiledForm, evaluation: FormEvaluation): Page[] {
  const pages: Page[] = [];
  const walk = (
    nodes: readonly CompiledNode[],
    prefix: string,
    values: Answers,
    repeat?: Page['repeat'],
  ): void => {
    for (const node of nodes) {
      const path = prefix + node.name;
      if (!evaluation.relevant.has(path)) continue;
      if (node.kind === 'question') {
        if (node.question.type !== 'calculate' && !hiddenByAppearance(node.question.appearance)) {
          pages.push({ path, question: node.question, groups: node.groups, ...(repeat && { repeat }) });
        }
      } else if (node.kind === 'group') {
        walk(node.children, prefix, values, repeat);
      } else {
        const instances = ownAnswer(values, node.name);
        if (!isInstanceList(instances)) continue;
        instances.forEach((instance, index) =>
          walk(node.children, `${path}.${index}.`, instance, { name: node.name, index }),
        );
      }
    }
  };
  walk(form.roots, '', evaluation.values);
  return pages;
}

export function questionByName(form: CompiledForm, name: string): Question | undefined {
  const node = form.byName.get(name);
  return node?.kind === 'question' ? node.question : undefined;
}
