// Push: the outbox goes up in seq order, in batches bounded by count and size, two in flight at
// once (IN_FLIGHT says why). A row is marked acknowledged only once the server has answered for
// it; rows it refused for good go to the dead-letter table and are acknowledged too, so they never
// hold up the rows behind them. When the server answers sequence_gap (a new server, or one
// restored from a backup), the outbox is sent again from the seq it asks for: it ignores what it
// already has. A kiosk that took a new identity (device-identity.ts) numbers its rows for the
// server from 1 after seq_base.
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
/**
 * Batches in flight at once: the server checks the next batch while its database stores the last
 * (it settles a kiosk's pushes in the order of the first seq each says it carries, waiting a
 * little for one whose connection lost the race: sync-server/sync/device-order.ts). Once the
 * server says it is busy, one at a time for the rest of the round: a batch sent while the one
 * before it waits out a Retry-After would arrive first, wait for it in vain and be refused
 * (sequence_gap).
 */
const IN_FLIGHT = 2;

export type PushOptions = { deviceId: string; now: () => Date; batchSize?: number | undefined };

/** A batch sent, and how its push ended (never a rejected promise: it may wait unawaited). */
type Sent = { rows: OutboxRow[]; outcome: Promise<{ answer: PushResponse } | { error: unknown }> };

export async function pushOutbox(db: KioskDb, client: SyncClient, options: PushOptions): Promise<void> {
  const batchSize = Math.min(options.batchSize ?? MAX_PUSH_CHANGES, MAX_PUSH_CHANGES);
  let resends = 0;
  adoptUnsentRows(db, options.deviceId);
  const base = readSeqBase(db);
  const serverHas =
    (await client.push(pushRequestJson(options.deviceId, base, [], pendingCount(db)))).ackedThroughSeq + base;
  if (serverHas > lastOutboxSeq(db)) renumberPendingAfter(db, serverHas);
  let busy = false;
  const onBusy = () => (busy = true);
  const send = (rows: OutboxRow[], last: OutboxRow): Sent => ({
    rows,
    outcome: client
      .push(pushRequestJson(options.deviceId, base, rows, pendingCount(db, last.seq)), {
        firstSeq: (rows[0] as OutboxRow).seq - base,
        onBusy,
      })
      .then(
        (wire) => ({
          answer: {
            ...wire,
            ackedThroughSeq: wire.ackedThroughSeq + base,
            rejected: wire.rejected.map((r) => ({ ...r, seq: r.seq + base })),
          },
        }),
        (error: unknown) => ({ error }),
      ),
  });
  const inFlight: Sent[] = [];
  let next = resendFrom(db, serverHas) ?? firstPendingSeq(db);
  for (;;) {
    while (next !== undefined && inFlight.length < (busy ? 1 : IN_FLIGHT)) {
      const rows = readOutbox(db, next, batchSize, MAX_BATCH_PAYLOAD_CHARS);
      const last = rows.at(-1);
      next = last === undefined ? undefined : last.seq + 1;
      if (last !== undefined) inFlight.push(send(rows, last));
    }
    const head = inFlight.shift();
    if (head === undefined) return;
    const first = head.rows[0] as OutboxRow;
    const last = head.rows.at(-1) as OutboxRow;
    const outcome = await head.outcome;
    if ('error' in outcome) {
      // The batch behind it is answered alike (sequence_gap) or was stored: either way it is
      // sent again from what the server says, and its own answer no longer matters.
      inFlight.length = 0;
      const e = outcome.error;
      const gap = e instanceof SyncFailure && e.code === 'sequence_gap' ? e.detail.expectedSeq : undefined;
      const expected = gap === undefined ? undefined : gap + base;
      if (expected === undefined || expected >= first.seq || resends >= MAX_RESENDS) throw e;
      resends++;
      next = expected;
      continue;
    }
    const { answer } = outcome;
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
    settle(db, head.rows, answer, options.now().toISOString());
    if (answer.ackedThroughSeq < last.seq) {
      // Only part of the batch settled: what follows is sent again from the first row left.
      inFlight.length = 0;
      next = firstPendingSeq(db);
    }
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
