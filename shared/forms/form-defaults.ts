// What the engine does at moments rather than on every evaluation: defaults when a response or a
// repeat instance starts, and triggered calculations when their trigger question changes.
import { answerToValue, isInstanceList, ownAnswer } from './answer-values';
import type { CompiledForm, CompiledNode, CompiledQuestion } from './compile-form';
import { localIsoDate, readClock } from './device-clock';
import type { EvaluateOptions } from './evaluate-form';
import { evaluateForm } from './evaluation-result';
import { evaluateExpression, type EvalEnv, type Value } from './expression';
import type { AnswerValue, Answers, MetadataKind, Question } from './form-definition';

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
 * After a change from `before` to `after`, recalculates every question whose trigger question's
 * answer changed (the person may still edit it afterwards), and returns the answers. Inside a
 * repeat, each instance fires on its own answers and on those outside it.
 */
export function applyTriggers(
  form: CompiledForm,
  before: Answers,
  after: Answers,
  options: EvaluateOptions = {},
): Answers {
  let values: Answers | undefined;
  const top: Level = { before, after, values: () => (values ??= evaluateForm(form, after, options).values) };
  return retrigger(form.roots, [top], options) ?? after;
}

/** One answers level: the response, or a repeat instance inside the level before it. */
type Level = { before: Answers; after: Answers; values: () => Answers };

/** The innermost level's answers with triggered calculations rerun; undefined when none fired. */
function retrigger(
  nodes: readonly CompiledNode[],
  levels: readonly Level[],
  options: EvaluateOptions,
): Answers | undefined {
  const level = levels.at(-1);
  if (level === undefined) return undefined;
  let next: Answers | undefined;
  const set = (name: string, value: AnswerValue | undefined) => {
    next ??= { ...level.after };
    if (value === undefined) delete next[name];
    else next[name] = value;
  };
  const visit = (node: CompiledNode): void => {
    if (node.kind === 'group') node.children.forEach(visit);
    else if (node.kind === 'repeat') {
      const instances = ownAnswer(level.after, node.name);
      if (!isInstanceList(instances)) return;
      const earlier = ownAnswer(level.before, node.name);
      let changed = false;
      const updated = instances.map((instance, i) => {
        const inner: Level = {
          before: (isInstanceList(earlier) ? earlier[i] : undefined) ?? {},
          after: instance,
          values: () => instanceAt(ownAnswer(level.values(), node.name), i),
        };
        const result = retrigger(node.children, [...levels, inner], options);
        changed ||= result !== undefined;
        return result ?? instance;
      });
      if (changed) set(node.name, updated);
    } else if (node.kind === 'question' && node.calculation !== undefined && fired(node, levels)) {
      const scopes = levels.map((l) => l.values()).reverse();
      const current = ownAnswer(next ?? level.after, node.name);
      set(
        node.name,
        stored(node.question, evaluateExpression(node.calculation, env(scopes, options, current))),
      );
    }
  };
  nodes.forEach(visit);
  return next;
}

function fired(node: CompiledQuestion, levels: readonly Level[]): boolean {
  const answerOf = (side: 'before' | 'after', name: string): AnswerValue | undefined => {
    for (let i = levels.length - 1; i >= 0; i--) {
      const value = ownAnswer(levels[i]?.[side] ?? {}, name);
      if (value !== undefined) return value;
    }
    return undefined;
  };
  return (node.question.trigger ?? []).some(
    (name) => JSON.stringify(answerOf('before', name)) !== JSON.stringify(answerOf('after', name)),
  );
}

function instanceAt(instances: AnswerValue | undefined, index: number): Answers {
  return (isInstanceList(instances) ? instances[index] : undefined) ?? {};
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
            evaluateExpression(node.defaultExpression, env([answers, outer], options, undefined)),
          )
        : question.default !== undefined
          ? stored(question, question.default)
          : question.type === 'metadata'
            ? startMetadata(question.metadata, options)
            : undefined;
    if (value !== undefined) answers[node.name] = value;
  }
  return answers;
}

/** Names resolve in the first of `scopes` that has them (the innermost first). */
function env(
  scopes: readonly Answers[],
  options: EvaluateOptions,
  current: AnswerValue | undefined,
): EvalEnv {
  return {
    current: answerToValue(current),
    lookup: (name) => {
      for (const scope of scopes) {
        const value = ownAnswer(scope, name);
        if (value !== undefined) return answerToValue(value);
      }
      return answerToValue(undefined);
    },
    today: () => options.today ?? localIsoDate(readClock(options.clock)),
  };
}

/**
 * Metadata fixed when a response or repeat instance starts, in groups and repeats as at the top:
 * start, today and the device's; end is the moment of saving (the evaluation fills it).
 */
function startMetadata(kind: MetadataKind | undefined, options: EvaluateOptions): string | undefined {
  switch (kind) {
    case 'start':
      return options.now ?? readClock(options.clock).toISOString();
    case 'today':
      return options.today ?? localIsoDate(readClock(options.clock));
    case 'end':
    case 'audit':
    case undefined:
      return undefined;
    default:
      return options.device?.[kind];
  }
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
