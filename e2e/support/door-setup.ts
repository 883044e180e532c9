// Door setup for e2e tests: the sync server only gives the door stream (ticket keys, lists, other
// gates' scans) to kiosks it knows are doors, so a test door is marked one on the server too.
import Database from 'better-sqlite3';
import path from 'node:path';
import { setDeviceMode } from '../../sync-server/devices/devices-store';
import type { SyncServer } from '../../sync-server/server';
import type { RunningKiosk } from './kiosk-process';

/** The kiosk's own device id, read from its SQLite file. */
export function kioskDeviceId(kiosk: RunningKiosk): string {
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT device_id FROM device').get() as { device_id: string } | undefined;
    if (!row) throw new Error('the kiosk has no device id yet');
    return row.device_id;
  } finally {
    db.close();
  }
}

/**
 * Marks an enrolled kiosk as a door on the server, as `quiosco admin device mode … door` does. Still
 * right once kiosks say their mode at enrolment: marking a door a door again changes nothing.
 */
export async function markAsDoor(server: SyncServer, kiosk: RunningKiosk): Promise<void> {
  await setDeviceMode(server.db, kioskDeviceId(kiosk), 'door');
}
