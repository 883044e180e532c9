// A range question's scale from its parameters (start, end, step; ODK's defaults 1, 10, 1).
import type { Question } from '../../../shared/forms/form-definition';

export type RangeScale = { min: number; max: number; step: number };

export function rangeScale(question: Question): RangeScale {
  const number = (key: string, fallback: number): number => {
    const parsed = Number(question.parameters?.[key]);
    return Number.isFinite(parsed) ? parsed : fallback;
  };
  const start = number('start', 1);
  const end = number('end', 10);
  const step = Math.abs(number('step', 1)) || 1;
  return { min: Math.min(start, end), max: Math.max(start, end), step };
}

/** One step up or down from `value` (from the low end when unanswered), kept on the scale. */
export function stepRange(scale: RangeScale, value: number | undefined, direction: -1 | 1): number {
  if (value === undefined) return direction > 0 ? scale.min : scale.max;
  const next = value + direction * scale.step;
  // Rounded to the step's decimals, so 0.1 + 0.2 reads 0.3.
  const decimals = (String(scale.step).split('.')[1] ?? '').length;
  return Math.min(scale.max, Math.max(scale.min, Number(next.toFixed(decimals))));
}
