import { join } from 'node:path';
import { migrate, type KioskDb } from './migrate';
import { openDatabase, type OpenDatabaseOptions } from './open-database';

export const kioskDatabasePath = (dataDir: string): string => join(dataDir, 'kiosk.db');

/** Opens (creating if needed) and migrates the kiosk database of a data directory. */
export function openKioskDatabase(dataDir: string, options: OpenDatabaseOptions = {}): KioskDb {
  const db = openDatabase(kioskDatabasePath(dataDir), options);
  try {
    return migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
}
