// What the engine does at moments rather than on every evaluation: defaults when a response or a
// repeat instance starts, and triggered calculations when their trigger question changes.
import { answerToValue, ownAnswer } from './answer-values';
import type { CompiledForm, CompiledNode, CompiledQuestion } from './compile-form';
import { evaluateForm, type EvaluateOptions } from './evaluate-form';
import { evaluateExpression, type EvalEnv, type Value } from './expression';
import type { AnswerValue, Answers, Question } from './form-definition';

/** The answers a new response starts with: the defaults of questions outside repeats. */
export function initialAnswers(form: CompiledForm, options: EvaluateOptions = {}): Answers {
  return withDefaults(form.roots, {}, {}, options, form);
}

/** A new instance of a top-level repeat, with its questions' defaults; `answers` is the response so far. */
export function newRepeatInstance(
  form: CompiledForm,
  repeatName: string,
  answers: Answers,
  options: EvaluateOptions = {},
): Answers {
  const repeat = form.byName.get(repeatName);
  if (repeat?.kind !== 'repeat') throw new Error(`${repeatName} is not a repeat of this form`);
  const top = evaluateForm(form, answers, options).values;
  return withDefaults(repeat.children, {}, top, options, form);
}

/**
 * After a change from `before` to `after`, recalculates every top-level question whose trigger
 * question's answer changed (the person may still edit it afterwards), and returns the answers.
 */
export function applyTriggers(
  form: CompiledForm,
  before: Answers,
  after: Answers,
  options: EvaluateOptions = {},
): Answers {
  const fired = triggered(form.roots).filter((node) =>
    (node.question.trigger ?? []).some(
      (name) => JSON.stringify(ownAnswer(before, name)) !== JSON.stringify(ownAnswer(after, name)),
    ),
  );
  if (fired.length === 0) return after;
  const values = evaluateForm(form, after, options).values;
  const next: Answers = { ...after };
  for (const node of fired) {
    if (node.calculation === undefined) continue;
    const value = stored(
      node.question,
      evaluateExpression(node.calculation, env(values, {}, options, ownAnswer(after, node.name))),
    );
    if (value === undefined) delete next[node.name];
    else next[node.name] = value;
  }
  return next;
}

function triggered(nodes: readonly CompiledNode[]): CompiledQuestion[] {
  return nodes.flatMap((node) => {
    if (node.kind === 'question') return node.question.trigger ? [node] : [];
    return node.kind === 'group' ? triggered(node.children) : [];
  });
}

function withDefaults(
  nodes: readonly CompiledNode[],
  answers: Answers,
  outer: Answers,
  options: EvaluateOptions,
  form: CompiledForm,
): Answers {
  for (const node of nodes) {
    if (node.kind === 'group') withDefaults(node.children, answers, outer, options, form);
    if (node.kind !== 'question') continue;
    const { question } = node;
    const value =
      node.defaultExpression !== undefined
        ? stored(
            question,
            evaluateExpression(node.defaultExpression, env(answers, outer, options, undefined)),
          )
        : question.default !== undefined
          ? stored(question, question.default)
          : undefined;
    if (value !== undefined) answers[node.name] = value;
  }
  return answers;
}

/** Names resolve in `inner` (the instance or response being built), then in `outer`. */
function env(
  inner: Answers,
  outer: Answers,
  options: EvaluateOptions,
  current: AnswerValue | undefined,
): EvalEnv {
  return {
    current: answerToValue(current),
    lookup: (name) => answerToValue(ownAnswer(inner, name) ?? ownAnswer(outer, name)),
    today: () => options.today ?? new Date().toISOString().slice(0, 10),
  };
}

/** A computed or written value in the shape the question's answers take; undefined when empty. */
function stored(question: Question, value: Value): AnswerValue | undefined {
  const text = Array.isArray(value) ? value.join(' ') : String(value);
  if (text.trim() === '' || (typeof value === 'number' && !Number.isFinite(value))) return undefined;
  switch (question.type) {
    case 'integer':
    case 'decimal':
    case 'range': {
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    case 'select_multiple':
    case 'rank':
      return text.split(/\s+/).filter((word) => word !== '');
    default:
      return typeof value === 'boolean' ? (value ? 'true' : 'false') : text;
  }
}
