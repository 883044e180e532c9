// How an expression uses each ${name}: as a value, as a node-set (every instance's value, for
// sum() count() min() max() join() count-non-empty()), or as a path for indexed-repeat().
import type { Expr } from './expression';
import { functionSpec, isStructural, type FunctionName } from './expression/functions';

export type ReferenceUse = { name: string; use: 'value' | 'node-set' | 'indexed' };

export function referenceUses(expr: Expr): ReferenceUse[] {
  const uses: ReferenceUse[] = [];
  const walk = (e: Expr, use: ReferenceUse['use']): void => {
    switch (e.kind) {
      case 'ref':
        uses.push({ name: e.name, use });
        return;
      case 'negate':
        walk(e.operand, 'value');
        return;
      case 'binary':
        walk(e.left, 'value');
        walk(e.right, 'value');
        return;
      case 'call':
        // As evaluate.ts does: only an argument that is itself a ${name} is read as a node-set.
        e.args.forEach((arg, i) => walk(arg, arg.kind === 'ref' ? argumentUse(e.name, i) : 'value'));
        return;
      default:
        return;
    }
  };
  walk(expr, 'value');
  return uses;
}

function argumentUse(name: FunctionName, i: number): ReferenceUse['use'] {
  if (name === 'indexed-repeat') return i === 0 || i % 2 === 1 ? 'indexed' : 'value';
  if (isStructural(name)) return 'value';
  const { nodes } = functionSpec(name);
  return nodes === 'all' || (nodes === 'rest' && i > 0) ? 'node-set' : 'value';
}

/** The question names jr:choice-name() reads the choices of (its second argument, as text). */
export function choiceNameQuestions(expr: Expr): string[] {
  switch (expr.kind) {
    case 'negate':
      return choiceNameQuestions(expr.operand);
    case 'binary':
      return [...choiceNameQuestions(expr.left), ...choiceNameQuestions(expr.right)];
    case 'call': {
      const [, question] = expr.args;
      const own =
        expr.name === 'jr:choice-name' && question?.kind === 'literal' ? [String(question.value)] : [];
      return [...own, ...expr.args.flatMap(choiceNameQuestions)];
    }
    default:
      return [];
  }
}
