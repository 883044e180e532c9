// What a record's answers say about the questions it left unanswered, decided once per record
// before any cell or count is made of it:
// - Reach. A record kept incomplete at the kiosk's idle timeout stops somewhere: a question is
//   reached when it, or any later question in form order (inside repeats too), was answered. A
//   question after the last answer was never seen, so it is "not reached" — blank, like a skipped
//   one — not "asked and left empty". Every question of a complete record is reached.
// - Calculations. The kiosk fills in every calculation, so an incomplete record that stopped
//   before the spending questions carries gasto_total = 0. An export blanks a calculation none of
//   whose inputs (the questions its expression names) was answered, so it is no invented zero.
//   Only calculations outside repeats: those inside a repeat are exported as stored.
import { isInstanceList, ownAnswer } from '../../shared/forms/answer-values';
import type { CompiledForm, CompiledNode } from '../../shared/forms/compile-form';
import { collectReferences } from '../../shared/forms/expression/ast';
import type { Answers } from '../../shared/forms/form-definition';
import type { ExportRecord } from './record-pages';

type Calculation = { name: string; inputs: readonly CompiledNode[] };

/** A version's top-level calculations, each after those it reads (the engine's order). */
const calculationsOf = new WeakMap<CompiledForm, readonly Calculation[]>();

function calculations(form: CompiledForm): readonly Calculation[] {
  let list = calculationsOf.get(form);
  if (list === undefined) {
    list = form.evaluationOrder.flatMap((node) =>
      node.kind === 'question' && node.calculation !== undefined && node.repeat === undefined
        ? [
            {
              name: node.name,
              inputs: collectReferences(node.calculation).flatMap((n) => form.byName.get(n) ?? []),
            },
          ]
        : [],
    );
    calculationsOf.set(form, list);
  }
  return list;
}

const isCalculation = (node: CompiledNode): boolean =>
  node.kind === 'question' && node.calculation !== undefined;

/** The form-order position of the last answered (not calculated) question, -1 for none. */
function lastAnswered(form: CompiledForm, answers: Answers): number {
  let last = -1;
  for (const name in answers) {
    const node = form.byName.get(name);
    if (node === undefined) continue;
    const value = answers[name];
    if (node.kind === 'repeat' && isInstanceList(value)) {
      for (const instance of value) last = Math.max(last, lastAnswered(form, instance));
    } else if (node.kind === 'question' && !isCalculation(node)) {
      last = Math.max(last, node.index);
    }
  }
  return last;
}

/** Whether a calculation's input has an answer in the record (a repeat's: any instance). */
function hasInput(answers: Answers, node: CompiledNode): boolean {
  let outer = node;
  while (outer.repeat !== undefined) outer = outer.repeat;
  const value = ownAnswer(answers, outer.name);
  if (outer === node) return value !== undefined;
  return isInstanceList(value) && value.length > 0;
}

/**
 * Blanks the record's unfed calculations (in place: each record is parsed for one pass) and
 * notes its reach; returns the reach. Idempotent, so every consumer of a record may call it.
 */
export function settleRecord(form: CompiledForm | undefined, record: ExportRecord): number {
  if (record.reached !== undefined) return record.reached;
  const { answers } = record;
  if (form !== undefined) {
    for (const calculation of calculations(form)) {
      if (ownAnswer(answers, calculation.name) === undefined) continue;
      // delete, not undefined: answers are read with Object.hasOwn (ownAnswer).
      if (!calculation.inputs.some((input) => hasInput(answers, input))) delete answers[calculation.name];
    }
  }
  record.reached = record.complete || form === undefined ? Infinity : lastAnswered(form, answers);
  return record.reached;
}
