// Was a question asked? A stored record keeps only relevant answers (with calculations filled
// in), which is exactly what the kiosk's conditions read, so re-evaluating a question's
// conditions against the stored answers gives the kiosk's verdict. Only unanswered questions
// need it: an answer is stored only when its question was relevant. Far cheaper than
// re-running the whole form on every record of a million-row export.
import { answerToValue, ownAnswer } from '../../shared/forms/answer-values';
import type { CompiledForm, CompiledGroup, CompiledNode } from '../../shared/forms/compile-form';
import { evaluateExpression, toBoolean, type EvalEnv, type Value } from '../../shared/forms/expression';
import type { Answers } from '../../shared/forms/form-definition';

/** The answers in view: the record's top level, then each enclosing repeat instance. */
export type Scope = { repeat: CompiledGroup | undefined; answers: Answers; parent: Scope | undefined };

export function rootScope(answers: Answers): Scope {
  return { repeat: undefined, answers, parent: undefined };
}

/**
 * Whether the unanswered question was asked in this scope: 'absent' when the record's form
 * version does not have it, 'not_reached' when it is relevant but lies after the record's last
 * answer (`reached`, see record-reach.ts).
 */
export function relevance(
  form: CompiledForm | undefined,
  name: string,
  scope: Scope,
  today: string,
  reached: number,
): 'relevant' | 'not_relevant' | 'absent' | 'not_reached' {
  const node = form?.byName.get(name);
  if (node === undefined) return 'absent';
  const env: EvalEnv & { current: Value } = {
    current: '',
    lookup: (other) => {
      const target = form?.byName.get(other);
      let at: Scope | undefined = scope;
      while (at !== undefined && at.repeat !== target?.repeat) at = at.parent;
      return at === undefined ? '' : answerToValue(ownAnswer(at.answers, other));
    },
    today: () => today,
  };
  // The node and its groups up to the repeat the scope is an instance of (which was relevant,
  // or there would be no instance).
  for (let at: CompiledNode | undefined = node; at !== undefined && at !== scope.repeat; at = at.parent) {
    if (at.relevant === undefined) continue;
    env.current = at.kind === 'question' ? answerToValue(ownAnswer(scope.answers, at.name)) : '';
    if (!toBoolean(evaluateExpression(at.relevant, env))) return 'not_relevant';
  }
  return node.index > reached ? 'not_reached' : 'relevant';
}
