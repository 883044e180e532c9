// Dates as ODK and Enketo read them: a date is text (YYYY-MM-DD, the local midnight), a date-time is
// ISO 8601 text, and either counts as a number of days since 1970-01-01T00:00Z in arithmetic.

/** Minutes east of UTC in force at an instant: the kiosk's time zone. */
export type UtcOffset = (epochMs: number) => number;

export const hostUtcOffset: UtcOffset = (epochMs) => -new Date(epochMs).getTimezoneOffset();

export const DAY_MS = 86_400_000;

const DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DATE_TIME =
  /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d(?::?\d\d)?)?$/;
const TIME = /^(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d(?::?\d\d)?)?$/;

/** Whether text looks like a date or date-time at all (cheap pre-check before parsing). */
export function looksLikeDate(s: string): boolean {
  return s.length >= 8 && s.charCodeAt(4) === 45 /* - */ && (DATE.test(s) || DATE_TIME.test(s));
}

/** The instant a date or date-time text denotes, or NaN. A date without a zone is local time. */
export function parseDateText(text: string, offset: UtcOffset): number {
  const s = text.trim();
  const date = DATE.exec(s);
  if (date) return localToUtc(fields(date[1], date[2], date[3]), offset);
  const dt = DATE_TIME.exec(s);
  if (!dt) return NaN;
  const wall = fields(dt[1], dt[2], dt[3], dt[4], dt[5], dt[6], dt[7]);
  if (Number.isNaN(wall) || Number(dt[4]) > 23 || Number(dt[5]) > 59 || Number(dt[6] ?? 0) > 59) return NaN;
  const zone = dt[8];
  if (zone === undefined) return localToUtc(wall, offset);
  const zoneMinutes = parseZone(zone);
  return Number.isNaN(zoneMinutes) ? NaN : wall - zoneMinutes * 60_000;
}

/** A time of day (HH:MM:SS.sss±HH:MM) as the fraction of the local day it falls in, or NaN. */
export function decimalTime(text: string, offset: UtcOffset, now: number): number {
  const t = TIME.exec(text.trim());
  if (!t) return NaN;
  const [h, m, s] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
  if (h > 23 || m > 59 || s > 59) return NaN;
  const zone = t[5] === undefined ? offset(now) : parseZone(t[5]);
  if (Number.isNaN(zone)) return NaN;
  const ms = ((h * 60 + m - zone + offset(now)) * 60 + s) * 1000 + millis(t[4]);
  return (((ms % DAY_MS) + DAY_MS) % DAY_MS) / DAY_MS;
}

/**
 * How Enketo writes an instant back as text: a local midnight as a date, anything else as a local
 * date-time with its offset (1970-01-01T17:00:00.000-07:00).
 */
export function formatInstant(epochMs: number, offset: UtcOffset): string {
  if (!Number.isFinite(epochMs)) return '';
  const zone = offset(epochMs);
  const wall = new Date(epochMs + zone * 60_000);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  const ms = wall.getUTCHours() * 3_600_000 + wall.getUTCMinutes() * 60_000 + wall.getUTCSeconds() * 1000;
  if (ms + wall.getUTCMilliseconds() === 0) return date;
  return `${date}T${formatWallTime(wall)}${formatZone(zone)}`;
}

/** A local date-time with its offset, always with the time (now()). */
export function formatDateTime(epochMs: number, offset: UtcOffset): string {
  const zone = offset(epochMs);
  const wall = new Date(epochMs + zone * 60_000);
  const date = `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
  return `${date}T${formatWallTime(wall)}${formatZone(zone)}`;
}

/** The local calendar fields of an instant, for format-date(). */
export function wallClock(epochMs: number, offset: UtcOffset): Date {
  return new Date(epochMs + offset(epochMs) * 60_000);
}

function formatWallTime(wall: Date): string {
  return `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}.${pad(wall.getUTCMilliseconds(), 3)}`;
}

function formatZone(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

// Wall-clock fields read as if UTC; NaN when the day does not exist (2026-02-30).
function fields(...parts: (string | undefined)[]): number {
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = parts.slice(0, 6).map((p) => Number(p ?? 0));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + millis(parts[6]);
  const check = new Date(ms);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return NaN;
  // Date.UTC maps years 0-99 to 1900-1999.
  return check.getUTCFullYear() === y ? ms : NaN;
}

function millis(fraction: string | undefined): number {
  return fraction === undefined ? 0 : Math.round(Number(`0.${fraction}`) * 1000);
}

// Wall-clock time to an instant: the offset is that of the instant itself, found in two steps.
function localToUtc(wall: number, offset: UtcOffset): number {
  if (Number.isNaN(wall)) return NaN;
  const guess = wall - offset(wall) * 60_000;
  return wall - offset(guess) * 60_000;
}

function parseZone(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const h = Number(digits.slice(0, 2));
  const m = Number(digits.slice(2) || 0);
  return h > 23 || m > 59 ? NaN : sign * (h * 60 + m);
}
