// Whether an answer has the shape its question type needs.
import type { CompiledQuestion } from './compile-form';
import type { AnswerValue, Localized } from './form-definition';
import { isStringList } from './answer-values';
import { MESSAGES } from './messages';

export type TypeProblem = { code: 'type' | 'not_a_choice'; message: Localized };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const POINT = /^-?\d+(\.\d+)?\s+-?\d+(\.\d+)?(\s+-?\d+(\.\d+)?){0,2}$/;

const typeIssue = (message: Localized): TypeProblem => ({ code: 'type', message });

/**
 * Why a (non-empty) answer does not fit its question, or undefined when it does. `offered` are the
 * choices a select may take now (after its choice filter); all of its list when undefined.
 */
export function typeProblem(
  node: CompiledQuestion,
  value: AnswerValue,
  offered?: ReadonlySet<string>,
): TypeProblem | undefined {
  const { question } = node;
  const choices = offered ?? node.choices;
  switch (node.type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) ? undefined : typeIssue(MESSAGES.integer);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : typeIssue(MESSAGES.decimal);
    case 'range':
      return typeof value === 'number' && inRange(value, question.parameters ?? {})
        ? undefined
        : typeIssue(MESSAGES.range);
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) && fitsAppearance(value, question.appearance)
        ? undefined
        : typeIssue(MESSAGES.date);
    case 'time':
      return typeof value === 'string' && TIME.test(value) ? undefined : typeIssue(MESSAGES.time);
    case 'dateTime':
      return typeof value === 'string' && isDateTime(value) ? undefined : typeIssue(MESSAGES.dateTime);
    case 'geopoint':
      return typeof value === 'string' && isPoint(value) ? undefined : typeIssue(MESSAGES.geopoint);
    case 'geotrace':
      return typeof value === 'string' && isPointList(value, 2) ? undefined : typeIssue(MESSAGES.geotrace);
    case 'geoshape':
      return typeof value === 'string' && isPointList(value, 4) && isClosed(value)
        ? undefined
        : typeIssue(MESSAGES.geoshape);
    case 'acknowledge':
      return value === 'OK' ? undefined : typeIssue(MESSAGES.invalid);
    case 'select_one':
      if (typeof value !== 'string') return typeIssue(MESSAGES.choice);
      return choices?.has(value) ? undefined : { code: 'not_a_choice', message: MESSAGES.choice };
    case 'select_multiple':
      if (!isStringList(value)) return typeIssue(MESSAGES.choices);
      return value.every((choice) => choices?.has(choice)) && new Set(value).size === value.length
        ? undefined
        : { code: 'not_a_choice', message: MESSAGES.choices };
    case 'rank':
      // A ranking orders every choice on offer, each once.
      if (!isStringList(value)) return typeIssue(MESSAGES.rank);
      return new Set(value).size === value.length &&
        value.length === (choices?.size ?? 0) &&
        value.every((choice) => choices?.has(choice))
        ? undefined
        : { code: 'not_a_choice', message: MESSAGES.rank };
    case 'text':
    case 'barcode':
    case 'hidden':
    case 'metadata':
    case 'image':
    case 'audio':
    case 'video':
    case 'file':
    case 'note':
    case 'calculate':
      return typeof value === 'string' ? undefined : typeIssue(MESSAGES.invalid);
  }
}

function inRange(value: number, parameters: Record<string, string>): boolean {
  const start = Number(parameters.start ?? 1);
  const end = Number(parameters.end ?? 10);
  const step = Number(parameters.step ?? 1);
  const [low, high] = start <= end ? [start, end] : [end, start];
  const steps = (value - start) / step;
  return value >= low && value <= high && Math.abs(steps - Math.round(steps)) < 1e-9;
}

/** month-year answers are the 1st of a month, year answers 1 January, as ODK stores them. */
function fitsAppearance(date: string, appearance: string | undefined): boolean {
  const words = appearance?.split(/\s+/) ?? [];
  if (words.includes('year')) return date.endsWith('-01-01');
  if (words.includes('month-year')) return date.endsWith('-01');
  return true;
}

function isPoint(text: string): boolean {
  if (!POINT.test(text)) return false;
  const [lat = 0, lon = 0] = text.split(/\s+/).map(Number);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

/** ODK's line (at least 2 points) or shape (at least 4, the last repeating the first), ';'-separated. */
function isPointList(text: string, min: number): boolean {
  const points = text.split(';').map((p) => p.trim());
  return points.length >= min && points.every(isPoint);
}

function isClosed(text: string): boolean {
  const points = text.split(';').map((p) => p.trim().split(/\s+/).slice(0, 2).join(' '));
  return points[0] === points.at(-1);
}

function isDateTime(text: string): boolean {
  const [date = '', time] = text.split('T');
  return isCalendarDate(date) && time !== undefined && TIME.test(time);
}

function isCalendarDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
