// Whether an answer has the shape its question type needs.
import type { CompiledQuestion } from './compile-form';
import type { AnswerValue, Localized } from './form-definition';
import { isStringList } from './answer-values';
import { MESSAGES } from './messages';

export type TypeProblem = { code: 'type' | 'not_a_choice'; message: Localized };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a (non-empty) answer does not fit its question, or undefined when it does. */
export function typeProblem(node: CompiledQuestion, value: AnswerValue): TypeProblem | undefined {
  switch (node.question.type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value)
        ? undefined
        : { code: 'type', message: MESSAGES.integer };
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : { code: 'type', message: MESSAGES.decimal };
    case 'date':
      return typeof value === 'string' && isCalendarDate(value)
        ? undefined
        : { code: 'type', message: MESSAGES.date };
    case 'select_one':
      if (typeof value !== 'string') return { code: 'type', message: MESSAGES.choice };
      return node.choices?.has(value) ? undefined : { code: 'not_a_choice', message: MESSAGES.choice };
    case 'select_multiple':
      if (!isStringList(value)) return { code: 'type', message: MESSAGES.choices };
      return value.every((choice) => node.choices?.has(choice)) && new Set(value).size === value.length
        ? undefined
        : { code: 'not_a_choice', message: MESSAGES.choices };
    case 'text':
    case 'image':
    case 'note':
    case 'calculate':
      return typeof value === 'string' ? undefined : { code: 'type', message: MESSAGES.invalid };
  }
}

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
