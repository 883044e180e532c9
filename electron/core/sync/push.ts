// Push: the outbox goes up in seq order, in batches bounded by count and size. A row is marked
// acknowledged only once the server has answered for it; rows it refused for good go to the
// dead-letter table and are acknowledged too, so they never hold up the rows behind them. When
// the server answers sequence_gap (a new server, or one restored from a backup), the outbox is
// sent again from the seq it asks for: it ignores what it already has. A kiosk that took a new
// identity (device-identity.ts) numbers its rows for the server from 1 after seq_base.
//
// Each push starts by asking the server how far it has this kiosk (an empty push), so that
// - a server restored from an older backup, which lost rows this kiosk holds as acknowledged,
//   gets them again from the kiosk's retained copies (pruneAcknowledged keeps them long enough);
// - a kiosk restored from an older copy of its disk, whose new rows would carry seqs the server
//   already holds with other content, moves them past the server's mark instead of stopping.
//   (A cloned disk still running beside its original is caught when its rows replay a seq with
//   other content: device_cloned; one whose copy made fewer rows than the original sent since
//   is indistinguishable from a restore, and its rows are stored under the shared id.)
import { MAX_BODY_BYTES, MAX_PUSH_CHANGES, type PushResponse } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import { adoptUnsentRows, readSeqBase } from '../device/device-identity';
import {
  acknowledgedThrough,
  firstPendingSeq,
  holdsSeq,
  lastOutboxSeq,
  markAcked,
  pendingCount,
  readOutbox,
  renumberPendingAfter,
  type OutboxRow,
} from '../outbox/outbox';
import { forgetUploads } from './attachment-queue';
import type { SyncClient } from './sync-client';
import { SyncFailure } from './sync-failure';

/** Payload characters per batch: a character is at most 3 bytes of UTF-8, and the envelope fits in the rest. */
const MAX_BATCH_PAYLOAD_CHARS = Math.floor(MAX_BODY_BYTES / 4);
/** Resends asked for by sequence_gap in one push; a server that keeps asking is not making sense. */
const MAX_RESENDS = 3;

export type PushOptions = { deviceId: string; now: () => Date; batchSize?: number | undefined };

export async function pushOutbox(db: KioskDb, client: SyncClient, options: PushOptions): Promise<void> {
  const batchSize = Math.min(options.batchSize ?? MAX_PUSH_CHANGES, MAX_PUSH_CHANGES);
  let resends = 0;
  adoptUnsentRows(db, options.deviceId);
  const base = readSeqBase(db);
  const serverHas =
    (await client.push(pushRequestJson(options.deviceId, base, [], pendingCount(db)))).ackedThroughSeq + base;
  if (serverHas > lastOutboxSeq(db)) renumberPendingAfter(db, serverHas);
  for (let from = resendFrom(db, serverHas) ?? firstPendingSeq(db); from !== undefined;) {
    const rows = readOutbox(db, from, batchSize, MAX_BATCH_PAYLOAD_CHARS);
    const first = rows[0];
    const last = rows.at(-1);
    if (first === undefined || last === undefined) return;
    let answer: PushResponse;
    try {
      const wire = await client.push(
        pushRequestJson(options.deviceId, base, rows, pendingCount(db, last.seq)),
      );
      answer = {
        ...wire,
        ackedThroughSeq: wire.ackedThroughSeq + base,
        rejected: wire.rejected.map((r) => ({ ...r, seq: r.seq + base })),
      };
    } catch (e) {
      const gap = e instanceof SyncFailure && e.code === 'sequence_gap' ? e.detail.expectedSeq : undefined;
      const expected = gap === undefined ? undefined : gap + base;
      if (expected === undefined || expected >= from || resends >= MAX_RESENDS) throw e;
      resends++;
      from = expected;
      continue;
    }
    const lastAssigned = lastOutboxSeq(db);
    if (answer.ackedThroughSeq > lastAssigned) {
      throw new SyncFailure(
        'outbox_behind_server',
        `the server has this kiosk's records through seq ${answer.ackedThroughSeq}, but this kiosk has numbered only ${lastAssigned}: ` +
          'its database is older than what it sent, or another kiosk uses its identity; enrol it as a new kiosk',
      );
    }
    if (answer.ackedThroughSeq < first.seq) {
      throw new SyncFailure(
        'invalid_response',
        `the server acknowledged through seq ${answer.ackedThroughSeq}, before this batch (${first.seq} to ${last.seq})`,
      );
    }
    settle(db, rows, answer, options.now().toISOString());
    from = firstPendingSeq(db);
  }
}

/**
 * Where to send from when the server has fewer of this kiosk's rows than it acknowledged (it was
 * restored from a backup): the first it lacks, resent from the retained copies. Photos those rows
 * name are sent again too (the server lost them with the rows).
 */
function resendFrom(db: KioskDb, serverHas: number): number | undefined {
  const acked = acknowledgedThrough(db);
  if (serverHas >= acked) return undefined;
  const from = serverHas + 1;
  if (!holdsSeq(db, from)) {
    throw new SyncFailure(
      'server_lost_records',
      `the server has this kiosk's records only through seq ${serverHas}, and this kiosk no longer keeps seq ${from} ` +
        '(pruned after its retention time): restore the server from a newer backup, or enrol this kiosk as a new one',
    );
  }
  forgetUploads(db, from, acked);
  return from;
}

/** The PushRequest as JSON, with each payload spliced in as the text the outbox stored. */
function pushRequestJson(deviceId: string, base: number, rows: OutboxRow[], backlog: number): string {
  const changes = rows.map(
    (r) =>
      `{"seq":${r.seq - base},"kind":${JSON.stringify(r.entityKind)},"id":${JSON.stringify(r.entityId)},"payload":${r.payload}}`,
  );
  return `{"deviceId":${JSON.stringify(deviceId)},"backlog":${backlog},"changes":[${changes.join(',')}]}`;
}

/** Dead-letters the refused rows and acknowledges the batch up to what the server settled, at once. */
function settle(db: KioskDb, rows: OutboxRow[], answer: PushResponse, at: string): void {
  const bySeq = new Map(rows.map((r) => [r.seq, r]));
  const deadLetter = db.prepare(
    `INSERT OR IGNORE INTO dead_letters (seq, entity_kind, entity_id, code, message, payload, rejected_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const first = rows[0] as OutboxRow;
  const through = Math.min(answer.ackedThroughSeq, (rows.at(-1) as OutboxRow).seq);
  db.transaction(() => {
    for (const rejection of answer.rejected) {
      const row = bySeq.get(rejection.seq);
      if (row === undefined || rejection.seq > through) continue;
      deadLetter.run(
        row.seq,
        row.entityKind,
        row.entityId,
        rejection.code,
        rejection.message,
        row.payload,
        at,
      );
    }
    markAcked(db, first.seq, through, at);
  })();
}
