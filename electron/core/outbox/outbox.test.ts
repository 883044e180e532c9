// The outbox's retention and renumbering on a real kiosk database: acknowledged copies stay until
// the kiosk has recorded nothing for the retention time (a dead letter's row stays with it), seqs
// never go back after a prune, and pending rows move past a mark in order with their content.
import { afterEach, describe, expect, it } from 'vitest';
import type { KioskDb } from '../db/migrate';
import type { KioskCore } from '../kiosk-core';
import { kioskWithSavedSurveys, type makeTempDir } from '../testing/kiosk-fixtures';
import {
  enqueue,
  firstPendingSeq,
  lastOutboxSeq,
  markAcked,
  pruneAcknowledged,
  renumberPendingAfter,
} from './outbox';

const DAY = 86_400_000;
const SAVED_AT = new Date('2026-11-21T10:00:00.000Z');
const later = (days: number) => new Date(SAVED_AT.getTime() + days * DAY);

let dir: ReturnType<typeof makeTempDir>;
let db: KioskDb;
let core: KioskCore;
afterEach(() => {
  core.close();
  dir.remove();
});

/** A kiosk database with `count` responses saved at SAVED_AT. */
async function kioskWith(count: number): Promise<void> {
  ({ dir, db, core } = await kioskWithSavedSurveys(count, SAVED_AT));
}

const seqs = () =>
  db
    .prepare<[], { seq: number }>('SELECT seq FROM outbox ORDER BY seq')
    .all()
    .map((r) => r.seq);

describe('enqueue', () => {
  it('stores the payload as canonical JSON, keys sorted at every depth, the text the server hashes', async () => {
    await kioskWith(0);
    const payload = { z: 1, a: { y: [{ d: 'x', b: null }], c: 'ñ' }, m: ['b', 'a'] };
    const seq = enqueue(db, {
      entityKind: 'submission',
      entityId: 'e1',
      payload,
      createdAt: SAVED_AT.toISOString(),
    });
    const stored = db
      .prepare<[number], { payload: string }>('SELECT payload FROM outbox WHERE seq = ?')
      .get(seq);
    expect(stored?.payload).toBe('{"a":{"c":"ñ","y":[{"b":null,"d":"x"}]},"m":["b","a"],"z":1}');
  });
});

describe('pruneAcknowledged', () => {
  it('keeps acknowledged copies until the kiosk has recorded nothing for the retention time', async () => {
    await kioskWith(4);
    markAcked(db, 1, 3, SAVED_AT.toISOString());
    expect(pruneAcknowledged(db, later(29), 30)).toBe(0);
    expect(pruneAcknowledged(db, later(31), 30)).toBe(3);
    // The pending row stays whatever its age, and numbering goes on after it.
    expect(seqs()).toEqual([4]);
    expect(lastOutboxSeq(db)).toBe(4);
  });

  it('keeps everything while the kiosk keeps recording, and a dead letter keeps its row', async () => {
    await kioskWith(3);
    markAcked(db, 1, 3, SAVED_AT.toISOString());
    db.prepare(
      `INSERT INTO dead_letters (seq, entity_kind, entity_id, code, message, payload, rejected_at)
       SELECT seq, entity_kind, entity_id, 'invalid', 'refused', payload, ? FROM outbox WHERE seq = 2`,
    ).run(SAVED_AT.toISOString());
    enqueue(db, { entityKind: 'submission', entityId: 'x', payload: {}, createdAt: later(20).toISOString() });
    expect(pruneAcknowledged(db, later(40), 30)).toBe(0);
    expect(pruneAcknowledged(db, later(51), 30)).toBe(2);
    expect(seqs()).toEqual([2, 4]);
  });

  it('numbers the next row after the last one ever assigned, even when every row was pruned', async () => {
    await kioskWith(2);
    markAcked(db, 1, 2, SAVED_AT.toISOString());
    expect(pruneAcknowledged(db, later(31), 30)).toBe(2);
    expect(lastOutboxSeq(db)).toBe(2);
    expect(
      enqueue(db, {
        entityKind: 'submission',
        entityId: 'y',
        payload: {},
        createdAt: later(31).toISOString(),
      }),
    ).toBe(3);
  });
});

describe('renumberPendingAfter', () => {
  it('moves the pending rows past the mark in order with their content, and numbers new rows after them', async () => {
    await kioskWith(5);
    markAcked(db, 1, 2, SAVED_AT.toISOString());
    const before = db.prepare<[], { seq: number; entity_id: string; payload: string }>(
      'SELECT seq, entity_id, payload FROM outbox WHERE acked_at IS NULL ORDER BY seq',
    );
    const pending = before.all();
    renumberPendingAfter(db, 9);
    const moved = before.all();
    expect(moved.map((r) => r.seq)).toEqual([10, 11, 12]);
    expect(moved.map(({ entity_id, payload }) => ({ entity_id, payload }))).toEqual(
      pending.map(({ entity_id, payload }) => ({ entity_id, payload })),
    );
    expect(seqs()).toEqual([1, 2, 10, 11, 12]);
    expect(firstPendingSeq(db)).toBe(10);
    expect(
      enqueue(db, {
        entityKind: 'submission',
        entityId: 'z',
        payload: {},
        createdAt: SAVED_AT.toISOString(),
      }),
    ).toBe(13);
  });

  it('with nothing pending, only moves the numbering past the mark', async () => {
    await kioskWith(2);
    markAcked(db, 1, 2, SAVED_AT.toISOString());
    renumberPendingAfter(db, 6);
    expect(seqs()).toEqual([1, 2]);
    expect(lastOutboxSeq(db)).toBe(6);
  });
});
