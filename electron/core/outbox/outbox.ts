// Everything the kiosk must upload goes through here, inside the same transaction as the record
// itself, so a record exists if and only if its outbox row does.
import type { KioskDb } from '../db/migrate';

export type OutboxEntityKind = 'submission';

export type OutboxEntry = {
  entityKind: OutboxEntityKind;
  entityId: string;
  payload: unknown;
  createdAt: string;
};

/** Appends one row and returns its sequence number. Call it inside the record's transaction. */
export function enqueue(db: KioskDb, entry: OutboxEntry): number {
  const info = db
    .prepare('INSERT INTO outbox (entity_kind, entity_id, payload, created_at) VALUES (?, ?, ?, ?)')
    .run(entry.entityKind, entry.entityId, JSON.stringify(entry.payload), entry.createdAt);
  return Number(info.lastInsertRowid);
}

export function pendingCount(db: KioskDb): number {
  return (
    db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL').get()?.n ?? 0
  );
}

/** When the sync server last acknowledged anything, or null if it never has. */
export function lastAckedAt(db: KioskDb): string | null {
  return db.prepare<[], { at: string | null }>('SELECT max(acked_at) AS at FROM outbox').get()?.at ?? null;
}
