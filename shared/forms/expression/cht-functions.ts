// The Community Health Toolkit's date differences (cht:difference-in-days/-weeks/-months/-years),
// which CHT forms call like ODK functions: whole units from the first date to the second, counted
// on the kiosk's calendar, truncated toward zero; '' when either is not a date.
import type { EvalEnv } from './context';
import { offsetOf } from './context';
import { instantOf } from './date-functions';
import { DAY_MS, wallClock } from './dates';
import { fn, type FunctionTable } from './function-spec';
import type { Value } from './values';

type CalendarDate = { year: number; month: number; day: number };

function calendarDate(ctx: EvalEnv, x: Value): CalendarDate | undefined {
  const instant = instantOf(ctx, x);
  if (!Number.isFinite(instant)) return undefined;
  const wall = wallClock(instant, offsetOf(ctx));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth(), day: wall.getUTCDate() };
}

function days(a: CalendarDate, b: CalendarDate): number {
  return (Date.UTC(b.year, b.month, b.day) - Date.UTC(a.year, a.month, a.day)) / DAY_MS;
}

// A month counts once the day of the month is reached again (2015-09-02 → 2015-10-01 is 0).
function months(a: CalendarDate, b: CalendarDate): number {
  const whole = (b.year - a.year) * 12 + b.month - a.month;
  if (whole > 0 && b.day < a.day) return whole - 1;
  if (whole < 0 && b.day > a.day) return whole + 1;
  return whole;
}

const difference =
  (unit: (a: CalendarDate, b: CalendarDate) => number) =>
  (ctx: EvalEnv, [x = '', y = '']: readonly Value[]): Value => {
    const a = calendarDate(ctx, x);
    const b = calendarDate(ctx, y);
    return a && b ? Math.trunc(unit(a, b)) + 0 : '';
  };

export const CHT_FUNCTIONS = {
  'cht:difference-in-days': fn(2, difference(days)),
  'cht:difference-in-weeks': fn(
    2,
    difference((a, b) => days(a, b) / 7),
  ),
  'cht:difference-in-months': fn(2, difference(months)),
  'cht:difference-in-years': fn(
    2,
    difference((a, b) => months(a, b) / 12),
  ),
} satisfies FunctionTable;
