// The dashboard's records per hour, form and kiosk: the current hour and the 23 before it, read
// from the counts a trigger keeps as records arrive (migration 9), never from the records.
import type { HourCount } from '../../shared/console/console-api';
import type { ServerDb } from '../db/server-database';

/** Received times are ISO UTC text on both databases: their first 13 characters name the hour. */
export const hourOf = (at: Date): string => at.toISOString().slice(0, 13);

export async function recordsPerHour(s: ServerDb, eventId: string, now: Date): Promise<HourCount[]> {
  const rows = await s.db
    .selectFrom('submission_hours')
    .select(['hour', 'form_id', 'device_id', 'records'])
    .where('event_id', '=', eventId)
    .where('hour', '>=', hourOf(new Date(now.getTime() - 23 * 3_600_000)))
    .orderBy('hour')
    .orderBy('form_id')
    .orderBy('device_id')
    .execute();
  return rows.map((r) => ({
    hour: r.hour,
    formId: r.form_id,
    deviceId: r.device_id,
    records: Number(r.records),
  }));
}
