// Everything the kiosk must upload goes through here, inside the same transaction as the record
// itself, so a record exists if and only if its outbox row does.
import { canonicalJson } from '../../../shared/sync/node/canonical-json';
import type { PushKind } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';

/** What an outbox row carries: the push kinds (a visitor response, a door scan). */
export type OutboxEntityKind = PushKind;

export type OutboxEntry = {
  entityKind: OutboxEntityKind;
  entityId: string;
  payload: unknown;
  createdAt: string;
};

/**
 * Appends one row and returns its sequence number. Call it inside the record's transaction. The
 * payload is stored as canonical JSON (keys sorted), the text the server hashes it by: a server
 * that receives it in that order writes it as it came, with no sorted copy of each record.
 */
export function enqueue(db: KioskDb, entry: OutboxEntry): number {
  const info = db
    .prepare('INSERT INTO outbox (entity_kind, entity_id, payload, created_at) VALUES (?, ?, ?, ?)')
    .run(entry.entityKind, entry.entityId, canonicalJson(entry.payload), entry.createdAt);
  return Number(info.lastInsertRowid);
}

/** Rows not yet acknowledged by the sync server (those after seq `after`, if given). */
export function pendingCount(db: KioskDb, after = 0): number {
  return (
    db
      .prepare<[number], { n: number }>('SELECT count(*) AS n FROM outbox WHERE acked_at IS NULL AND seq > ?')
      .get(after)?.n ?? 0
  );
}

/** A row as the sync sends it: the payload stays the JSON text it was stored as. */
export type OutboxRow = { seq: number; entityKind: OutboxEntityKind; entityId: string; payload: string };

/** The seq of the first row the server has not acknowledged yet, or undefined when none waits. */
export function firstPendingSeq(db: KioskDb): number | undefined {
  return (
    db.prepare<[], { seq: number | null }>('SELECT min(seq) AS seq FROM outbox WHERE acked_at IS NULL').get()
      ?.seq ?? undefined
  );
}

/**
 * The highest seq this kiosk has assigned (0 before its first record). AUTOINCREMENT keeps it in
 * sqlite_sequence, so it stays right once old acknowledged rows are pruned.
 */
export function lastOutboxSeq(db: KioskDb): number {
  return (
    db.prepare<[], { seq: number }>(`SELECT seq FROM sqlite_sequence WHERE name = 'outbox'`).get()?.seq ?? 0
  );
}

/**
 * The seq through which the server acknowledged every row (0 when none): rows are acknowledged in
 * order, so it is the one before the first pending row, pruned rows counted.
 */
export function acknowledgedThrough(db: KioskDb): number {
  return (firstPendingSeq(db) ?? lastOutboxSeq(db) + 1) - 1;
}

/** Whether the row of this seq is still on the kiosk (not pruned). */
export function holdsSeq(db: KioskDb, seq: number): boolean {
  return db.prepare('SELECT 1 FROM outbox WHERE seq = ?').get(seq) !== undefined;
}

/**
 * Moves the unacknowledged rows, in order, to follow seq `after`, and numbers new rows after them.
 * For a kiosk restored from an older copy: the server holds seqs up to `after` that this copy never
 * assigned, and the rows it made since must not be taken for replays of those. One transaction.
 */
export function renumberPendingAfter(db: KioskDb, after: number): void {
  db.transaction(() => {
    const first = firstPendingSeq(db);
    if (first !== undefined && first <= after) {
      const shift = after + 1 - first;
      // Through negative numbers, so no row ever lands on a seq another still has.
      db.prepare('UPDATE outbox SET seq = -(seq + ?) WHERE acked_at IS NULL').run(shift);
      db.prepare('UPDATE outbox SET seq = -seq WHERE seq < 0').run();
    }
    const last = Math.max(
      after,
      db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM outbox').get()?.seq ?? 0,
    );
    db.prepare(`UPDATE sqlite_sequence SET seq = max(seq, ?) WHERE name = 'outbox'`).run(last);
    db.prepare(
      `INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox', ? WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'outbox')`,
    ).run(last);
  })();
}

/**
 * Deletes the copies of acknowledged rows once the kiosk has recorded nothing for `days` days (the
 * event plus that long, as kiosks record only during one): until then a server restored from an
 * older backup can ask for them again. Rows a dead letter names stay with it. Answers how many went.
 */
export function pruneAcknowledged(db: KioskDb, now: Date, days: number): number {
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  return db
    .prepare(
      `DELETE FROM outbox WHERE acked_at IS NOT NULL AND acked_at < ?
         AND (SELECT max(created_at) FROM outbox) < ?
         AND seq NOT IN (SELECT seq FROM dead_letters)`,
    )
    .run(cutoff, cutoff).changes;
}

/**
 * Rows from seq `from` on, acknowledged or not (a server that lost track asks for them again), at
 * most `limit` of them and no more than `maxPayloadChars` of payload, but always at least one.
 */
export function readOutbox(db: KioskDb, from: number, limit: number, maxPayloadChars: number): OutboxRow[] {
  const rows: OutboxRow[] = [];
  let chars = 0;
  const query = db.prepare<
    [number, number],
    { seq: number; entity_kind: OutboxEntityKind; entity_id: string; payload: string }
  >('SELECT seq, entity_kind, entity_id, payload FROM outbox WHERE seq >= ? ORDER BY seq LIMIT ?');
  for (const row of query.iterate(from, limit)) {
    chars += row.payload.length;
    if (rows.length > 0 && chars > maxPayloadChars) break;
    rows.push({ seq: row.seq, entityKind: row.entity_kind, entityId: row.entity_id, payload: row.payload });
  }
  return rows;
}

/** Marks the rows from..through acknowledged (those not already); call it in the sync's transaction. */
export function markAcked(db: KioskDb, from: number, through: number, at: string): void {
  db.prepare('UPDATE outbox SET acked_at = ? WHERE seq BETWEEN ? AND ? AND acked_at IS NULL').run(
    at,
    from,
    through,
  );
}
