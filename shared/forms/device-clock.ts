// The device's clock as forms read it: now() and start/end as instants, today() as the local
// calendar date (the kiosk's, not UTC's: at 19:00 in Hidalgo UTC is already tomorrow).

/** The clock to read, for tests to inject; the host's when absent. */
export type DeviceClock = () => Date;

export const readClock = (clock: DeviceClock | undefined): Date => clock?.() ?? new Date();

/** YYYY-MM-DD of the moment in the host's time zone. */
export function localIsoDate(moment: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}
