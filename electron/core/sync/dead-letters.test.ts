// Dead letters on a real kiosk database: records refused through the real push path (a scripted
// server answer), listed newest first, sent again as new outbox rows, and bad requests refused
// exactly with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { PushRequest, RejectionCode } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import type { KioskCore } from '../kiosk-core';
import { pendingCount } from '../outbox/outbox';
import { kioskWithSavedSurveys, type makeTempDir } from '../testing/kiosk-fixtures';
import { listDeadLetters } from './dead-letters';
import { pushOutbox } from './push';
import type { SyncClient } from './sync-client';

const NOW = new Date('2026-11-21T10:00:00.000Z');

let dir: ReturnType<typeof makeTempDir>;
let db: KioskDb;
let core: KioskCore;
afterEach(() => {
  core.close();
  dir.remove();
});

type Kiosk = { token: string; ids: string[] };

/** A kiosk with `count` saved responses; its database stays open in `db` for the checks. */
async function open(count: number): Promise<Kiosk> {
  const kiosk = await kioskWithSavedSurveys(count, NOW);
  ({ dir, db, core } = kiosk);
  return { token: kiosk.token, ids: kiosk.ids };
}

/** Pushes the outbox to a server that refuses the given seqs and takes the rest. */
async function pushRefusing(refuse: Record<number, RejectionCode>): Promise<void> {
  const client: SyncClient = {
    clockOffsetMs: null,
    enrol: () => Promise.reject(new Error('not in this test')),
    pull: () => Promise.reject(new Error('not in this test')),
    attachmentStatuses: () => Promise.reject(new Error('not in this test')),
    putAttachmentChunk: () => Promise.reject(new Error('not in this test')),
    getAttachment: () => Promise.reject(new Error('not in this test')),
    getBrandImage: () => Promise.reject(new Error('not in this test')),
    getFormMedia: () => Promise.reject(new Error('not in this test')),
    push(body) {
      const { changes } = JSON.parse(body) as PushRequest;
      return Promise.resolve({
        ackedThroughSeq: changes.at(-1)?.seq ?? 0,
        rejected: changes.flatMap(({ seq, id }) => {
          const code = refuse[seq];
          return code === undefined ? [] : [{ seq, id, code, message: `refused ${seq} (${code})` }];
        }),
        serverTime: NOW.toISOString(),
      });
    },
  };
  await pushOutbox(db, client, { deviceId: core.deviceId, now: () => NOW });
}

type OutboxRow = {
  seq: number;
  entity_kind: string;
  entity_id: string;
  payload: string;
  acked_at: string | null;
};
const outbox = () => db.prepare<[], OutboxRow>('SELECT * FROM outbox ORDER BY seq').all();
const deadLetterSeqs = () =>
  db
    .prepare<[], { seq: number }>('SELECT seq FROM dead_letters ORDER BY seq')
    .all()
    .map((r) => r.seq);

describe('dead letters', () => {
  it('lists the refused records newest first, with the total', async () => {
    const { token, ids } = await open(3);
    await pushRefusing({ 1: 'event_not_assigned', 3: 'unknown_form' });
    expect(await core.call('staff:dead-letters', { token })).toEqual({
      ok: true,
      value: {
        deadLetters: [
          {
            seq: 3,
            kind: 'submission',
            id: ids[2],
            code: 'unknown_form',
            message: 'refused 3 (unknown_form)',
            rejectedAt: NOW.toISOString(),
          },
          {
            seq: 1,
            kind: 'submission',
            id: ids[0],
            code: 'event_not_assigned',
            message: 'refused 1 (event_not_assigned)',
            rejectedAt: NOW.toISOString(),
          },
        ],
        total: 2,
      },
    });
    expect(listDeadLetters(db, 1)).toEqual({ deadLetters: [expect.objectContaining({ seq: 3 })], total: 2 });
  });

  it('sends chosen ones again as new outbox rows with the same content, and drops them', async () => {
    const { token, ids } = await open(3);
    await pushRefusing({ 1: 'event_not_assigned', 2: 'unknown_form', 3: 'answers_invalid' });
    const before = outbox();

    const resent = await core.call('staff:resend-dead-letters', { token, seqs: [3, 1] });
    expect(resent.ok && resent.value.deadLetters).toBe(1);
    expect(deadLetterSeqs()).toEqual([2]);
    const after = outbox();
    // The refused rows stay as they were (acknowledged); the copies go up in the original order.
    expect(after.slice(0, 3)).toEqual(before);
    expect(after.slice(3)).toEqual([
      { ...before[0], seq: 4, acked_at: null },
      { ...before[2], seq: 5, acked_at: null },
    ]);
    expect(after.slice(3).map((r) => r.entity_id)).toEqual([ids[0], ids[2]]);
    expect(pendingCount(db)).toBe(2);

    // The server decides again: refused once more, it is a dead letter under its new seq.
    await pushRefusing({ 5: 'conflict' });
    expect(deadLetterSeqs()).toEqual([2, 5]);
    expect(pendingCount(db)).toBe(0);
  });

  it('refuses seqs that are no dead letters, naming them, and changes nothing', async () => {
    const { token } = await open(3);
    await pushRefusing({ 1: 'event_not_assigned', 2: 'unknown_form' });
    const before = outbox();
    expect(await core.call('staff:resend-dead-letters', { token, seqs: [9, 1, 3, 9] })).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'seqs: no dead letter with seq 3, 9 (already re-sent, or never refused)',
        details: { field: 'seqs', unknown: [3, 9] },
      },
    });
    expect(outbox()).toEqual(before);
    expect(deadLetterSeqs()).toEqual([1, 2]);
  });

  it('refuses a request without seqs, with too many or with seqs that are no seq numbers', async () => {
    const { token } = await open(1);
    await pushRefusing({ 1: 'unknown_form' });
    const before = outbox();
    const refusal = async (seqs: unknown) => {
      const result = await core.dispatch('staff:resend-dead-letters', { token, seqs });
      return result.ok ? result : result.error.message;
    };
    expect(await refusal([])).toBe(
      'staff:resend-dead-letters: ✖ Too small: expected array to have >=1 items\n  → at seqs',
    );
    expect(await refusal(Array.from({ length: 201 }, (_, i) => i + 1))).toBe(
      'staff:resend-dead-letters: ✖ Too big: expected array to have <=200 items\n  → at seqs',
    );
    expect(await refusal([1, 0])).toBe(
      'staff:resend-dead-letters: ✖ Too small: expected number to be >0\n  → at seqs[1]',
    );
    expect(await refusal([1.5])).toBe(
      'staff:resend-dead-letters: ✖ Invalid input: expected int, received number\n  → at seqs[0]',
    );
    expect(await refusal(undefined)).toBe(
      'staff:resend-dead-letters: ✖ Invalid input: expected array, received undefined\n  → at seqs',
    );
    expect(outbox()).toEqual(before);
    expect(deadLetterSeqs()).toEqual([1]);
  });

  it('is for staff only', async () => {
    await open(1);
    await pushRefusing({ 1: 'unknown_form' });
    const token = 'x'.repeat(24);
    const staffOnly = {
      ok: false,
      error: { code: 'staff_only', message: 'Staff session missing or expired: unlock with the PIN' },
    };
    expect(await core.dispatch('staff:dead-letters', { token })).toEqual(staffOnly);
    expect(await core.dispatch('staff:resend-dead-letters', { token, seqs: [1] })).toEqual(staffOnly);
    expect(deadLetterSeqs()).toEqual([1]);
  });

  it('lists nothing on a kiosk the server never refused', async () => {
    const { token } = await open(2);
    await pushRefusing({});
    const listed: ChannelOutput<'staff:dead-letters'> = { deadLetters: [], total: 0 };
    expect(await core.call('staff:dead-letters', { token })).toEqual({ ok: true, value: listed });
  });
});
