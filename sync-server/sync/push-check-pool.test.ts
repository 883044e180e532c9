// The push-check worker gives what the checks on this thread give, record for record; a worker
// that stops mid-batch costs no batch; small batches never reach it; close() ends it.
import { once } from 'node:events';
import type { Worker } from 'node:worker_threads';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { compileForm, type CompiledForm } from '../../shared/forms/engine';
import { demoFormSheets } from '../../shared/forms/node/demo-forms';
import { canonicalJson } from '../../shared/sync/node/canonical-json';
import { startScriptWorker } from '../threads/script-worker';
import { readFormSheets } from '../events/events-store';
import {
  DB_KINDS,
  heritagePayload,
  HERITAGE_FORM,
  openServerForTest,
  SURVEY_FORM,
  surveyChanges,
  surveyPayload,
} from '../testing/test-server';
import { PushCheckPool } from './push-check-pool';
import { checkChanges, type Change, type CheckedChange, type FormOf } from './push-checks';

const SCRIPT = new URL('./push-check-worker.ts', import.meta.url);
const device = { deviceId: uuidv7(), token: '', eventId: 'feria' };
const survey = compileForm(readFormSheets(demoFormSheets('encuesta-impacto-economico')));
const heritage = compileForm(readFormSheets(demoFormSheets('patrimonio-inmaterial')));
const attached = new Map<string, CompiledForm>([
  [`${SURVEY_FORM.formId} ${SURVEY_FORM.version}`, survey],
  [`${HERITAGE_FORM.formId} ${HERITAGE_FORM.version}`, heritage],
]);
const formOf: FormOf = (eventId, formId, version) =>
  eventId === device.eventId ? attached.get(`${formId} ${version}`) : undefined;

/** A submission as a kiosk sends it: its payload in canonical key order (electron/core/outbox). */
const submission = (payload: object, id = uuidv7()): Omit<Change, 'seq'> => ({
  kind: 'submission',
  id,
  payload: JSON.parse(canonicalJson(payload)) as unknown,
});
const scan = {
  id: uuidv7(),
  nonce: 'ABCDEFGHIJKLMNOP',
  deviceId: device.deviceId,
  seq: 1,
  eventId: device.eventId,
  gate: 'Norte',
  direction: 'entry',
  text: 'x',
  ticket: null,
  verdict: 'unreadable',
  reason: 'damaged_ticket',
  needsAttention: false,
  localTime: '2026-11-20T16:00:00.000Z',
  correctedTime: '2026-11-20T16:00:00.000Z',
};

/** One of everything a batch may hold, `copies` times over, seqs from 1. */
function mixedBatch(copies: number): Change[] {
  const kinds = (): Omit<Change, 'seq'>[] => {
    const valid = surveyPayload(device);
    const photos = heritagePayload(device, [`${'ab'.repeat(32)}.jpg`]);
    const upperCase = surveyPayload(device, { id: uuidv7().toUpperCase() });
    return [
      submission(valid, valid.id),
      submission(photos, photos.id),
      // Parsed into other content (a lower-case id) than it was sent with: sent back parsed.
      submission(upperCase, upperCase.id.toLowerCase()),
      // Sent in another key order: sent back parsed too.
      { kind: 'submission', id: valid.id, payload: valid },
      submission({ ...surveyPayload(device), answers: {} }),
      submission({ ...surveyPayload(device), formVersion: '1999' }),
      submission({ ...surveyPayload(device), eventId: 'otra' }),
      submission({ ...surveyPayload(device), complete: 'yes' }),
      submission(JSON.parse(`{"__proto__": {"x": 1}, "id": "${uuidv7()}"}`)),
      { kind: 'submission', id: uuidv7(), payload: 'not an object' },
      { kind: 'scan', id: scan.id, payload: scan },
      { kind: 'scan', id: scan.id, payload: { ...scan, nonce: 'lower' } },
    ];
  };
  return Array.from({ length: copies }, kinds)
    .flat()
    .map((c, i) => ({ ...c, seq: i + 1 }) as Change);
}

/** The worker's answer as this thread's: a payload left out is the one sent. */
const filledIn = (checked: CheckedChange[], changes: Change[]) =>
  checked.map((c, i) => (c.kind === 'submission' ? { ...c, payload: c.payload ?? changes[i]?.payload } : c));

/** Workers started through this, each one's start (its first message), and the replies they sent. */
function watchedWorkers() {
  const workers: Worker[] = [];
  const started: Promise<unknown>[] = [];
  let replies = 0;
  const startWorker = () => {
    const worker = startScriptWorker(SCRIPT);
    started.push(once(worker, 'message'));
    worker.on('message', (message: object) => (replies += 'id' in message ? 1 : 0));
    workers.push(worker);
    return worker;
  };
  return { startWorker, workers, started, replies: () => replies };
}

/** A pool whose workers the test watches. */
function watchedPool(workerFrom: number) {
  const watched = watchedWorkers();
  const pool = new PushCheckPool({ workerFrom, startWorker: watched.startWorker });
  /** A batch checked here while the next worker starts, then that worker ready. */
  const warm = async () => {
    const batch = mixedBatch(1);
    expect(await pool.check(batch, formOf)).toEqual(checkChanges(batch, formOf));
    await watched.started.at(-1);
  };
  return { ...watched, pool, warm };
}

describe('push checks on the worker thread', () => {
  const pools: PushCheckPool[] = [];
  afterEach(async () => {
    await Promise.all(pools.map((p) => p.close()));
    pools.length = 0;
  });
  const open = (workerFrom: number) => {
    const watched = watchedPool(workerFrom);
    pools.push(watched.pool);
    return watched;
  };

  it('gives the same verdicts, texts and hashes as this thread, sending back few payloads', async () => {
    const { pool, warm, replies } = open(1);
    await warm();
    const changes = mixedBatch(3);
    const here = checkChanges(changes, formOf);
    const there = await pool.check(changes, formOf);
    expect(replies()).toBe(1);
    expect(filledIn(there, changes)).toEqual(here);
    expect(here.map((c) => c.kind)).toEqual(expect.arrayContaining(['submission', 'scan', 'invalid']));
    const sent = there.filter((c) => c.kind === 'submission');
    // Left out: all but the upper-case id and the payload in another key order.
    expect(sent.map((c) => c.payload === undefined)).toEqual(
      Array.from({ length: 3 }, () => [true, true, false, false, true, true, true]).flat(),
    );
    const faults = here.flatMap((c) => (c.kind === 'submission' && c.fault ? [c.fault] : []));
    expect(faults[0]).toMatch(/answer\(s\) do not satisfy form encuesta_impacto_economico/);
    // A second batch: the worker has the forms already, and answers the same.
    const more = mixedBatch(1);
    expect(filledIn(await pool.check(more, formOf), more)).toEqual(checkChanges(more, formOf));
    expect(replies()).toBe(2);
  });

  it('checks a batch on this thread when its worker stops holding it, then starts a new one', async () => {
    const { pool, workers, warm, replies } = open(1);
    await warm();
    const changes = mixedBatch(20);
    const checking = pool.check(changes, formOf);
    await workers[0]?.terminate();
    expect(filledIn(await checking, changes)).toEqual(checkChanges(changes, formOf));
    expect(replies()).toBe(0);
    await warm();
    expect(workers).toHaveLength(2);
    const next = mixedBatch(2);
    expect(filledIn(await pool.check(next, formOf), next)).toEqual(checkChanges(next, formOf));
    expect(replies()).toBe(1);
  });

  it('keeps batches below the threshold on this thread', async () => {
    const { pool, workers, warm, replies } = open(13);
    const small = mixedBatch(1);
    expect(small).toHaveLength(12);
    expect(await pool.check(small, formOf)).toEqual(checkChanges(small, formOf));
    expect(workers).toHaveLength(0);
    const big = mixedBatch(2);
    // The first big batch starts the worker, the next ones go to it.
    expect(await pool.check(big, formOf)).toEqual(checkChanges(big, formOf));
    expect(workers).toHaveLength(1);
    await warm();
    expect(filledIn(await pool.check(big, formOf), big)).toEqual(checkChanges(big, formOf));
    expect(workers).toHaveLength(1);
    expect(replies()).toBe(1);
  });

  it('ends its worker on close, and checks on this thread after', async () => {
    const { pool, workers, warm } = open(1);
    await warm();
    const exited = once(workers[0] as Worker, 'exit');
    await pool.close();
    await exited;
    const after = mixedBatch(1);
    expect(await pool.check(after, formOf)).toEqual(checkChanges(after, formOf));
    expect(workers).toHaveLength(1);
  });
});

describe.each(DB_KINDS)('a sync server on %s', (kind) => {
  it('stores a big push checked on its worker, and ends the worker on close', async () => {
    const watched = watchedWorkers();
    const t = await openServerForTest(kind, {
      pushChecks: { workerFrom: 2, startWorker: watched.startWorker },
    });
    try {
      const device = await t.enrol(await t.createEvent(['encuesta-impacto-economico']));
      const push = async (from: number, count: number) => {
        const changes = surveyChanges(device, from, count);
        const body = { deviceId: device.deviceId, changes };
        return (await t.call('POST', '/v1/sync/push', { token: device.token, body })).body;
      };
      expect(await push(1, 1)).toMatchObject({ ackedThroughSeq: 1, rejected: [] });
      expect(watched.workers).toHaveLength(0);
      // The first big push starts the worker (and is checked here while it loads); the next goes to it.
      expect(await push(2, 2)).toMatchObject({ ackedThroughSeq: 3, rejected: [] });
      await watched.started.at(-1);
      expect(await push(4, 3)).toMatchObject({ ackedThroughSeq: 6, rejected: [] });
      expect(watched.replies()).toBe(1);
      expect(await t.count('submissions', { deviceId: device.deviceId })).toBe(6);
    } finally {
      const exited = watched.workers.map((w) => once(w, 'exit'));
      await t.close();
      await Promise.all(exited);
    }
  });
});
