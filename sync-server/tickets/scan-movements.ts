// Entries and exits among an event's scans, per gate or per door kiosk: the door report and the
// venues' occupancy count them the same way.
import type { Kysely } from 'kysely';
import { ENTERING_VERDICTS as ENTERING, LEAVING_VERDICTS as LEAVING } from '../../shared/tickets/scan-order';
import type { Database } from '../db/schema';

export type Movements = { key: string; entries: number; exits: number };

/** One row per gate or device that let someone in or out, ordered by it. */
export async function scanMovements(
  db: Kysely<Database>,
  eventId: string,
  by: 'gate' | 'device_id',
): Promise<Movements[]> {
  const rows = await db
    .selectFrom('scans')
    .select((eb) => [
      eb.ref(by).as('key'),
      eb.fn.sum<number>(eb.case().when('verdict', 'in', ENTERING).then(1).else(0).end()).as('entries'),
      eb.fn.sum<number>(eb.case().when('verdict', 'in', LEAVING).then(1).else(0).end()).as('exits'),
    ])
    .where('event_id', '=', eventId)
    .where('verdict', 'in', [...ENTERING, ...LEAVING])
    .groupBy(by)
    .orderBy(by)
    .execute();
  return rows.map((r) => ({ key: r.key, entries: Number(r.entries), exits: Number(r.exits) }));
}
