// The name of the kiosk's event, as the sync server's pull (or a USB set-up file) delivered it into
// the events table. Null until then: screens show the event's id meanwhile.
import type { KioskDb } from '../db/migrate';

export function readEventName(db: KioskDb, eventId: string): string | null {
  const row = db.prepare<[string], { name: string }>('SELECT name FROM events WHERE id = ?').get(eventId);
  return row?.name ?? null;
}
