import { describe, expect, it } from 'vitest';
import type { Question } from '../../../shared/forms/form-definition';
import { choiceLayout } from './choice-layout';
import { dateInputValue, dateMode, storedDate } from './date-values';
import { parsePoint, pointText, typedPoint } from './geopoint-value';
import { tracePoints, traceText } from './geotrace-value';
import { offeredChoices } from './QuestionView';
import { moveRank, rankOrder } from './rank-order';
import { rangeScale, stepRange } from './range-steps';

const range = (parameters?: Record<string, string>): Question => ({
  kind: 'question',
  type: 'range',
  name: 'r',
  label: { es: 'R' },
  required: false,
  pii: false,
  row: 2,
  ...(parameters && { parameters }),
});

describe('range', () => {
  it("reads start, end and step, with ODK's defaults", () => {
    expect(rangeScale(range())).toEqual({ min: 1, max: 10, step: 1 });
    expect(rangeScale(range({ start: '10', end: '0', step: '-2' }))).toEqual({ min: 0, max: 10, step: 2 });
  });

  it('steps from the ends when unanswered, stays on the scale, rounds to the step', () => {
    const scale = rangeScale(range({ start: '0', end: '1', step: '0.1' }));
    expect(stepRange(scale, undefined, 1)).toBe(0);
    expect(stepRange(scale, undefined, -1)).toBe(1);
    expect(stepRange(scale, 0.2, 1)).toBe(0.3);
    expect(stepRange(scale, 1, 1)).toBe(1);
  });
});

describe('rank', () => {
  it('shows the answer, drops choices no longer offered and adds new ones', () => {
    expect(rankOrder(undefined, ['a', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(rankOrder(['c', 'x', 'a'], ['a', 'b', 'c'])).toEqual(['c', 'a', 'b']);
  });

  it('moves one place, never past either end', () => {
    expect(moveRank(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveRank(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
  });
});

describe('dates', () => {
  it('stores month-year as the first day and year as 1 January', () => {
    expect(dateMode('month-year')).toBe('month-year');
    expect(storedDate('2026-11', 'month-year')).toBe('2026-11-01');
    expect(storedDate('2026', 'year')).toBe('2026-01-01');
    expect(storedDate('202', 'year')).toBeUndefined();
    expect(dateInputValue('2026-11-01', 'month-year')).toBe('2026-11');
    expect(dateInputValue('2026-01-01', 'year')).toBe('2026');
  });
});

describe('geopoint', () => {
  it('round-trips "lat lon alt accuracy" and takes typed coordinates on the globe only', () => {
    const point = { latitude: 20.1, longitude: -98.7, altitude: 2400, accuracy: 12 };
    expect(parsePoint(pointText(point))).toEqual(point);
    expect(typedPoint('20.1', '-98.7')).toEqual({ latitude: 20.1, longitude: -98.7 });
    expect(typedPoint('91', '0')).toBeUndefined();
    expect(typedPoint('', '0')).toBeUndefined();
  });
});

describe('choices', () => {
  it('lays out by appearance; long lists and search get a filter', () => {
    expect(choiceLayout('minimal', 3)).toMatchObject({ minimal: true, filter: false });
    expect(choiceLayout('search', 3).filter).toBe(true);
    expect(choiceLayout(undefined, 40).filter).toBe(true);
    expect(choiceLayout('columns-4', 3).columns).toBe(4);
    expect(choiceLayout('columns', 3).columns).toBe(3);
    expect(choiceLayout('likert', 5).likert).toBe(true);
  });

  it("offers the evaluation's choices in its order, else the whole list", () => {
    const list = ['a', 'b', 'c'].map((name) => ({ name, label: { es: name } }));
    expect(offeredChoices(list, ['c', 'a']).map((c) => c.name)).toEqual(['c', 'a']);
    expect(offeredChoices(list, undefined)).toBe(list);
  });

  it('shows choices from earlier answers by their own text', () => {
    expect(offeredChoices([], ['Ana', 'Luis'], ['es', 'oto'])).toEqual([
      { name: 'Ana', label: { es: 'Ana', oto: 'Ana' } },
      { name: 'Luis', label: { es: 'Luis', oto: 'Luis' } },
    ]);
  });
});

describe('geotrace and geoshape', () => {
  const a = { latitude: 20.1, longitude: -98.7 };
  const b = { latitude: 20.2, longitude: -98.7 };
  const c = { latitude: 20.2, longitude: -98.8 };

  it('stores a line as its points and reads them back', () => {
    expect(traceText([a, b], false)).toBe('20.1 -98.7 0 0;20.2 -98.7 0 0');
    expect(tracePoints('20.1 -98.7 0 0;20.2 -98.7 0 0', false)).toEqual([
      { ...a, altitude: 0, accuracy: 0 },
      { ...b, altitude: 0, accuracy: 0 },
    ]);
    expect(traceText([], false)).toBeUndefined();
  });

  it('closes a shape once it has three points; the person sees each point once', () => {
    expect(traceText([a, b], true)).toBe('20.1 -98.7 0 0;20.2 -98.7 0 0');
    const closed = traceText([a, b, c], true) ?? '';
    expect(closed.split(';')).toHaveLength(4);
    expect(tracePoints(closed, true).map((p) => [p.latitude, p.longitude])).toEqual([
      [20.1, -98.7],
      [20.2, -98.7],
      [20.2, -98.8],
    ]);
  });
});
