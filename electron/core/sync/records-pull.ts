// The records stream: every revision of the event's field records, from every kiosk (ours come
// back too and change nothing), so a record made on one tablet can be edited on another and a
// conflict is known everywhere. Pulled only by kiosks that run a field form; each page is stored
// with the stream's own cursor in one transaction.
import type { KioskDb } from '../db/migrate';
import { insertPulledRevision } from '../field/revisions';
import { applyWithCursor, type PulledPage } from './apply-pull';
import { pullChanges } from './pull';
import type { SyncClient } from './sync-client';
import { SyncFailure } from './sync-failure';

/**
 * Pulls the records stream to its end. False when the server does not give this kiosk field
 * records (403: its event has no field form for it); the rest of the round goes on regardless.
 */
export async function pullRecords(
  client: SyncClient,
  options: { db: KioskDb; token: string; limit?: number | undefined },
): Promise<boolean> {
  const { db, token } = options;
  try {
    await pullChanges(client, {
      db,
      stream: 'records',
      limit: options.limit,
      apply: (page) => applyRecordsPage(db, token, page),
    });
    return true;
  } catch (e) {
    if (e instanceof SyncFailure && e.code === 'forbidden') return false;
    throw e;
  }
}

/** Stores a page's revisions with the cursor; false when the kiosk was enrolled again meanwhile. */
export function applyRecordsPage(db: KioskDb, token: string, page: PulledPage): boolean {
  return (
    applyWithCursor(db, token, 'records', page.cursor, () => {
      for (const change of page.changes) {
        if (change.kind === 'record') insertPulledRevision(db, change.payload);
      }
      return true;
    }) ?? false
  );
}
