// What the browser's date inputs hold ↔ what ODK stores: month-year as the month's first day,
// year as 1 January of it, as Collect records them.
export type DateMode = 'date' | 'month-year' | 'year';

export function dateMode(appearance: string | undefined): DateMode {
  const words = (appearance ?? '').split(/\s+/);
  return words.includes('year') ? 'year' : words.includes('month-year') ? 'month-year' : 'date';
}

/** The input's text for a stored date. */
export function dateInputValue(stored: string, mode: DateMode): string {
  if (mode === 'year') return stored.slice(0, 4);
  return mode === 'month-year' ? stored.slice(0, 7) : stored;
}

/** The stored date for the input's text; undefined while it is not one yet. */
export function storedDate(input: string, mode: DateMode): string | undefined {
  if (mode === 'year') return /^\d{4}$/.test(input) ? `${input}-01-01` : undefined;
  if (mode === 'month-year') return /^\d{4}-\d{2}$/.test(input) ? `${input}-01` : undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(input) ? input : undefined;
}
