// How stored answers (AnswerValue) read in expressions and checks.
import type { Value } from './expression';
import type { AnswerValue, Answers } from './form-definition';

/** Unanswered: absent, blank text or no option chosen. Such answers are never stored. */
export function isUnanswered(value: AnswerValue | undefined): boolean {
  if (value === undefined) return true;
  // Most answers start with a visible ASCII character: no need to trim those.
  if (typeof value === 'string')
    return !(value.charCodeAt(0) > 32 && value.charCodeAt(0) < 128) && value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

export function isStringList(value: AnswerValue | undefined): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** The instances of a repeat: a list of answers objects. */
export function isInstanceList(value: AnswerValue | undefined): value is Answers[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))
  );
}

export function answerToValue(value: AnswerValue | undefined): Value {
  if (value === undefined || typeof value === 'string' || typeof value === 'number') return value ?? '';
  return isStringList(value) ? value : '';
}

/** An answer by name, never one inherited from Object.prototype ("constructor", "toString"). */
export function ownAnswer(answers: Answers, name: string): AnswerValue | undefined {
  return Object.hasOwn(answers, name) ? answers[name] : undefined;
}
