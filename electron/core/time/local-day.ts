// Kiosk "today" is the local calendar day of the venue, which is where the kiosk clock is set.

/** YYYY-MM-DD of `at` in the local time zone. */
export function localDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The instant local midnight began on the day of `at`. */
export function startOfLocalDay(at: Date): Date {
  return new Date(at.getFullYear(), at.getMonth(), at.getDate());
}
