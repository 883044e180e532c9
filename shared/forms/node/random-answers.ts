// Random answers of every type to any form, for checking that forms from elsewhere evaluate
// without throwing. Some answers are deliberately wrong (wrong type, unknown choice).
import type { Answers, FormDefinition, FormNode, Question } from '../form-definition';
import type { Random } from './sample-answers';

function answerTo(question: Question, definition: FormDefinition, rand: Random): Answers[string] | undefined {
  const names = (definition.choices[question.listName ?? ''] ?? []).map((c) => c.name);
  const pick = (): string => names[Math.floor(rand() * names.length)] ?? 'x';
  if (rand() < 0.3) return undefined;
  if (rand() < 0.05) return rand() < 0.5 ? 'not a fit' : 7;
  switch (question.type) {
    case 'integer':
    case 'range':
      return Math.floor(rand() * 20);
    case 'decimal':
      return Math.round(rand() * 1000) / 10;
    case 'select_one':
      return pick();
    case 'select_multiple':
      return [...new Set([pick(), pick()])];
    case 'rank':
      return names.slice().reverse();
    case 'date':
      return `2026-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`;
    case 'time':
      return '10:30';
    case 'dateTime':
      return '2026-05-01T10:30:00';
    case 'geopoint':
      return '20.1 -98.7 2400 5';
    case 'acknowledge':
      return 'OK';
    default:
      return `texto ${Math.floor(rand() * 100)} "á"`;
  }
}

export function randomAnswers(definition: FormDefinition, rand: Random): Answers {
  const fill = (nodes: readonly FormNode[], answers: Answers): Answers => {
    for (const node of nodes) {
      if (node.kind === 'group') fill(node.children, answers);
      else if (node.kind === 'repeat') {
        const children = node.children;
        answers[node.name] = Array.from({ length: Math.floor(rand() * 3) }, () => fill(children, {}));
      } else if (node.kind === 'question') {
        const value = answerTo(node, definition, rand);
        if (value !== undefined) answers[node.name] = value;
      }
    }
    return answers;
  };
  return fill(definition.children, {});
}
