// A conflict's side-by-side view: the record's fields (top-level questions, and each repeat as a
// whole) in form order, which of them the current revisions disagree on, and the answers staff
// compose by choosing a revision per field.
import type { CompiledForm, CompiledNode } from '../../../shared/forms/compile-form';
import type { Answers, Group, Question } from '../../../shared/forms/form-definition';

export type MergeField =
  | { kind: 'question'; name: string; question: Question }
  | { kind: 'repeat'; name: string; group: Group; children: Question[] };

function questionsIn(nodes: readonly CompiledNode[]): Question[] {
  return nodes.flatMap((node) =>
    node.kind === 'question' ? [node.question] : node.kind === 'group' ? questionsIn(node.children) : [],
  );
}

export function mergeFields(form: CompiledForm): MergeField[] {
  const fields: MergeField[] = [];
  const walk = (nodes: readonly CompiledNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'group') walk(node.children);
      else if (node.kind === 'repeat')
        fields.push({
          kind: 'repeat',
          name: node.name,
          group: node.group,
          children: questionsIn(node.children),
        });
      else if (
        node.kind === 'question' &&
        node.question.type !== 'note' &&
        node.question.type !== 'calculate'
      )
        fields.push({ kind: 'question', name: node.name, question: node.question });
    }
  };
  walk(form.roots);
  return fields;
}

/** Deep equality of answers (text, numbers, option lists, repeat entries). */
export function sameAnswer(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => sameAnswer(item, b[i]))
    );
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => sameAnswer(left[key], right[key]));
}

/** True when the revisions' answers to the field are not all the same. */
export function differs(field: MergeField, sides: readonly Answers[]): boolean {
  const [first, ...rest] = sides;
  return rest.some((side) => !sameAnswer(first?.[field.name], side[field.name]));
}

/** The answers made of each field's chosen side (the first side where none was chosen). */
export function mergedAnswers(
  fields: readonly MergeField[],
  sides: readonly Answers[],
  choices: Readonly<Record<string, number>>,
): Answers {
  const merged: Answers = {};
  for (const field of fields) {
    const value = sides[choices[field.name] ?? 0]?.[field.name];
    if (value !== undefined) merged[field.name] = value;
  }
  return merged;
}
