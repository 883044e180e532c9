// A seq is one outbox row for good: the server keeps the content hash of what came under each
// seq, and a seq at or below the device's mark that comes again is a replay only if its content
// hashes the same. Other content under a settled seq means two kiosks push as one device id (a
// disk image cloned onto a second tablet): the batch is refused with device_cloned, so none of
// the second kiosk's records is taken for a replay of the first's and silently dropped.
import { sql, type Kysely, type QueryCreator, type Updateable } from 'kysely';
import type { Database, DatabaseKind } from '../db/schema';
import { SyncError } from '../sync-error';

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 500;

export type SeqHash = { seq: number; hash: string; index: number };

/** Refuses the batch if any replayed seq carries other content than what was settled under it. */
export async function refuseClonedReplays(
  db: Kysely<Database>,
  deviceId: string,
  replayed: readonly SeqHash[],
): Promise<void> {
  for (let i = 0; i < replayed.length; i += CHUNK) {
    const chunk = replayed.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('push_seqs')
      .select(['seq', 'content_hash'])
      .where('device_id', '=', deviceId)
      .where(
        'seq',
        'in',
        chunk.map((c) => c.seq),
      )
      .execute();
    const stored = new Map(rows.map((r) => [r.seq, r.content_hash]));
    // A seq settled before the server kept hashes (and refused then) has none: a replay.
    const differing = chunk.find((c) => (stored.get(c.seq) ?? c.hash) !== c.hash);
    if (differing !== undefined) {
      throw new SyncError(
        'device_cloned',
        `Seq ${differing.seq} of device ${deviceId} was received before with other content: another kiosk uses this device id (a copied disk image?). Nothing of this batch was stored: give this kiosk a new device id, enrol it again and send its whole outbox`,
        { field: `changes.${differing.index}.seq` },
      );
    }
  }
}

/**
 * Notes the hash of each newly settled seq and moves the device's row (its mark, what it
 * reported), in the push's transaction. The seqs and hashes go as one JSON parameter (as
 * store-submissions.ts inserts its rows); on PostgreSQL both writes are one statement, a round
 * trip fewer for every push.
 */
export async function recordSeqs(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  deviceId: string,
  settled: readonly SeqHash[],
  device: Updateable<Database['devices']>,
): Promise<void> {
  const moveDevice = (db: QueryCreator<Database>) =>
    db.updateTable('devices').set(device).where('id', '=', deviceId);
  if (settled.length === 0) {
    await moveDevice(trx).execute();
    return;
  }
  const json = JSON.stringify(settled.map(({ seq, hash }) => ({ seq, hash })));
  const insertSeqs = (db: QueryCreator<Database>) =>
    db
      .insertInto('push_seqs')
      .columns(['device_id', 'seq', 'content_hash'])
      .expression(
        kind === 'postgres'
          ? sql`SELECT CAST(${deviceId} AS text), seq, hash FROM json_to_recordset(${json}::json) AS r(seq bigint, hash text)`
          : sql`SELECT CAST(${deviceId} AS text), value ->> 'seq', value ->> 'hash' FROM json_each(${json})`,
      );
  if (kind === 'postgres') {
    await moveDevice(trx.with('seqs', insertSeqs)).execute();
  } else {
    await insertSeqs(trx).execute();
    await moveDevice(trx).execute();
  }
}
