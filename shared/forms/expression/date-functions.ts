// Date functions. Dates stay text (YYYY-MM-DD or a local date-time) so answers, exports and
// comparisons see what a person typed; arithmetic turns them into days since the epoch.
import { nowOf, offsetOf, type EvalEnv } from './context';
import { DAY_MS, decimalTime, formatDateTime, formatInstant, pad, parseDateText, wallClock } from './dates';
import { fn, type FunctionTable } from './function-spec';
import { toNumber, toText, type Value } from './values';

export const DATE_FUNCTIONS = {
  today: fn(0, (ctx) => ctx.today()),
  now: fn(0, (ctx) => formatDateTime(nowOf(ctx), offsetOf(ctx))),
  date: fn(1, (ctx, [x = '']) => toDate(ctx, x)),
  'date-time': fn(1, (ctx, [x = '']) => toDate(ctx, x)),
  'decimal-date-time': fn(1, (ctx, [x = '']) => toNumber(x, offsetOf(ctx))),
  'decimal-time': fn(1, (ctx, [x = '']) => decimalTime(toText(x), offsetOf(ctx), nowOf(ctx))),
  'format-date': fn(2, (ctx, [x = '', format = '']) => formatDate(ctx, x, toText(format))),
  'format-date-time': fn(2, (ctx, [x = '', format = '']) => formatDate(ctx, x, toText(format))),
} satisfies FunctionTable;

/** The instant a value denotes: a number of days, or date / date-time text; NaN otherwise. */
export function instantOf(ctx: EvalEnv, x: Value): number {
  if (typeof x === 'number') return x * DAY_MS;
  if (typeof x !== 'string') return NaN;
  const days = toNumber(x, offsetOf(ctx));
  return Number.isNaN(days) ? parseDateText(x, offsetOf(ctx)) : days * DAY_MS;
}

// date(): '' for what is not a date, so an unanswered or malformed date stays unanswered.
function toDate(ctx: EvalEnv, x: Value): string {
  if (typeof x === 'string') {
    const normalized = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(x.trim());
    if (normalized) {
      if (Number.isNaN(parseDateText(x, offsetOf(ctx)))) return '';
      return `${normalized[1]}-${pad(Number(normalized[2]))}-${pad(Number(normalized[3]))}`;
    }
  }
  return formatInstant(instantOf(ctx, x), offsetOf(ctx));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// ODK's format-date() directives: %Y %y %m %n %b %d %e %a %H %h %M %S %3; anything else as written.
function formatDate(ctx: EvalEnv, x: Value, format: string): string {
  const instant = instantOf(ctx, x);
  if (!Number.isFinite(instant)) return '';
  const d = wallClock(instant, offsetOf(ctx));
  const fields: Record<string, string> = {
    Y: pad(d.getUTCFullYear(), 4),
    y: pad(d.getUTCFullYear() % 100),
    m: pad(d.getUTCMonth() + 1),
    n: String(d.getUTCMonth() + 1),
    b: MONTHS[d.getUTCMonth()] as string,
    d: pad(d.getUTCDate()),
    e: String(d.getUTCDate()),
    a: WEEKDAYS[d.getUTCDay()] as string,
    H: pad(d.getUTCHours()),
    h: String(d.getUTCHours()),
    M: pad(d.getUTCMinutes()),
    S: pad(d.getUTCSeconds()),
    '3': pad(d.getUTCMilliseconds(), 3),
  };
  return format.replace(/%(.)/g, (whole, key: string) => fields[key] ?? whole);
}
