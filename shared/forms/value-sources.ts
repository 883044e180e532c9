// The questions a question's stored value is computed from, as the engine fills it in: its
// calculation, its dynamic default, its trigger questions, its choice filter, and for choices
// from earlier answers the repeat question they list. Relevance, constraints, required and
// read-only only decide whether or how a value is asked for, so they are not sources; labels and
// hints are shown, never stored. Names only: a node-set or indexed-repeat() read of a question in
// a repeat is a source like a plain ${name}.
import type { CompiledQuestion } from './compile-form';
import { CHOICE_REF } from './expression-source';
import type { Expr } from './expression';
import { referenceUses } from './reference-uses';

export function valueSources(question: CompiledQuestion): Set<string> {
  const sources = new Set<string>();
  const read = (expr: Expr | undefined): void => {
    if (expr !== undefined) for (const { name } of referenceUses(expr)) sources.add(name);
  };
  read(question.calculation);
  read(question.defaultExpression);
  for (const name of question.question.trigger ?? []) sources.add(name);
  const from = question.choicesFrom;
  if (question.choiceFilter !== undefined) {
    for (const { name } of referenceUses(question.choiceFilter)) {
      // A choice column is not a question, except a column of the repeat choices come from.
      const column = name.startsWith(CHOICE_REF) ? name.slice(CHOICE_REF.length) : undefined;
      if (column === undefined) sources.add(name);
      else if (from?.columns.includes(column)) sources.add(column);
    }
  }
  // The chosen entry's value is the listed question's answer itself (a family member's name).
  if (from !== undefined) sources.add(from.value);
  return sources;
}
