// A kiosk's two pushes in flight at once, on SQLite and PostgreSQL: settled in the order they
// arrived even when the first one's body comes in last, and a first one that never completes
// holds up nothing; pushes that say their first seq are settled in seq order even when the
// second arrives first (sync/device-order.ts).
import { EventEmitter, once } from 'node:events';
import { request, type ClientRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  ErrorBodySchema,
  HEADERS,
  PROTOCOL_VERSION,
  PushResponseSchema,
  type PushChange,
} from '../shared/sync/protocol';
import type { PredecessorWait } from './sync/device-order';
import { serverForBlock } from './testing/block-server';
import { DB_KINDS, surveyChanges, type TestDevice, type TestServer } from './testing/test-server';

type Answer = { status: number; body: unknown };

/** A push whose body is sent in two parts, the second when the test says; `firstSeq`: its header. */
function pushInParts(t: TestServer, device: TestDevice, changes: PushChange[], firstSeq?: string) {
  const body = Buffer.from(JSON.stringify({ deviceId: device.deviceId, changes }));
  let req: ClientRequest | undefined;
  const answer = new Promise<Answer>((resolve, reject) => {
    req = request(
      new URL('v1/sync/push', t.url),
      {
        method: 'POST',
        headers: {
          [HEADERS.protocol]: String(PROTOCOL_VERSION),
          [HEADERS.app]: 'quiosco-test/1',
          authorization: `Bearer ${device.token}`,
          'content-type': 'application/json',
          'content-length': String(body.length),
          ...(firstSeq !== undefined && { [HEADERS.firstSeq]: firstSeq }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
  });
  const sending = req as unknown as ClientRequest;
  const half = Math.floor(body.length / 2);
  // The headers and half the body go now: the server puts the push in line on its headers.
  const started = new Promise<void>((resolve) => sending.write(body.subarray(0, half), () => resolve()));
  return {
    answer,
    started,
    finish: () => new Promise<void>((resolve) => sending.end(body.subarray(half), () => resolve())),
    drop: () => sending.destroy(),
  };
}

describe.each(DB_KINDS)('a kiosk’s pushes in flight together on %s', (kind) => {
  const f = serverForBlock(kind, ['encuesta-impacto-economico']);

  it('are settled in the order sent, though the first one’s body comes in last', async () => {
    const device = await f.t.enrol(f.eventId);
    const first = pushInParts(f.t, device, surveyChanges(device, 1, 300));
    await first.started;
    const second = pushInParts(f.t, device, surveyChanges(device, 301, 300));
    await second.started;
    await second.finish();
    await first.finish();
    const answers = await Promise.all([first.answer, second.answer]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const [one, two] = answers.map((a) => PushResponseSchema.parse(a.body));
    expect([one?.ackedThroughSeq, two?.ackedThroughSeq]).toEqual([300, 600]);
    expect([one?.rejected, two?.rejected]).toEqual([[], []]);
    expect(await f.t.count('submissions', { deviceId: device.deviceId })).toBe(600);
  });

  it('one ahead whose kiosk gave up holds up nothing: the next is told the seq it lacks', async () => {
    const device = await f.t.enrol(f.eventId);
    const first = pushInParts(f.t, device, surveyChanges(device, 1, 5));
    await first.started;
    const second = pushInParts(f.t, device, surveyChanges(device, 6, 5));
    await second.started;
    await second.finish();
    first.drop();
    await expect(first.answer).rejects.toThrow();
    const answer = await second.answer;
    expect(answer.status).toBe(409);
    expect(ErrorBodySchema.parse(answer.body).error).toMatchObject({
      code: 'sequence_gap',
      expectedSeq: 1,
    });
    expect(await f.t.count('submissions', { deviceId: device.deviceId })).toBe(0);
  });
});

/** A push sent whole at once. */
function push(t: TestServer, device: TestDevice, changes: PushChange[], firstSeq?: string) {
  const sent = pushInParts(t, device, changes, firstSeq);
  void sent.finish();
  return sent.answer;
}

/**
 * The server's wait for a missing predecessor, run out by the test: 'asked' (with the function
 * that runs it out) when a push starts waiting, 'ended' when it no longer waits (it came).
 */
const waits = new EventEmitter();
const waitForPredecessor: PredecessorWait = (done) =>
  new Promise<void>((runOut) => {
    done.addEventListener('abort', () => waits.emit('ended'), { once: true });
    waits.emit('asked', runOut);
  });

const gapAt = (expectedSeq: number) => ({ status: 409, code: 'sequence_gap', expectedSeq });
const accepted = (ackedThroughSeq: number) => ({ status: 200, ackedThroughSeq, rejected: [] });
const seqsThrough = (last: number) => Array.from({ length: last }, (_, i) => i + 1);
const outcome = (answer: Answer) =>
  answer.status === 200
    ? { status: 200, ...PushResponseSchema.omit({ serverTime: true }).parse(answer.body) }
    : { status: answer.status, ...ErrorBodySchema.parse(answer.body).error };

/**
 * Resolves once the push is waiting for its predecessor, with the function that runs that wait
 * out; fails if the push is answered first (as every push was before: it did not wait).
 */
async function waitsForPredecessor(answer: Promise<Answer>): Promise<() => void> {
  const asked = once(waits, 'asked') as Promise<[() => void]>;
  const first = await Promise.race([asked, answer.then(outcome)]);
  if (Array.isArray(first)) return first[0];
  throw new Error(`answered without waiting for its predecessor: ${JSON.stringify(first)}`);
}

describe.each(DB_KINDS)('pushes that say their first seq, on %s', (kind) => {
  const f = serverForBlock(kind, ['encuesta-impacto-economico'], { pushOrder: { waitForPredecessor } });

  async function storedSeqs(deviceId: string): Promise<number[]> {
    const rows = await f.t.server.db.db
      .selectFrom('submissions')
      .select('device_seq')
      .where('device_id', '=', deviceId)
      .orderBy('device_seq')
      .execute();
    return rows.map((r) => Number(r.device_seq));
  }

  it('the second batch, arriving first, waits for the first: both settled, nothing refused', async () => {
    const device = await f.t.enrol(f.eventId);
    const ended = once(waits, 'ended');
    const second = push(f.t, device, surveyChanges(device, 301, 300), '301');
    // Before, the second batch was settled on arrival and refused (sequence_gap, expectedSeq 1).
    await waitsForPredecessor(second);
    const answers = await Promise.all([
      push(f.t, device, surveyChanges(device, 1, 300), '1'),
      ended.then(() => second),
    ]);
    expect(answers.map(outcome)).toEqual([accepted(300), accepted(600)]);
    expect(await storedSeqs(device.deviceId)).toEqual(seqsThrough(600));
  });

  it('copies of a batch are settled once, each answered alike', async () => {
    const device = await f.t.enrol(f.eventId);
    const batch = surveyChanges(device, 1, 50);
    const copies = pushInParts(f.t, device, batch, '1');
    await copies.started;
    const answers = await Promise.all([
      push(f.t, device, batch, '1'),
      copies.finish().then(() => copies.answer),
    ]);
    expect(answers.map(outcome)).toEqual([accepted(50), accepted(50)]);
    expect(await storedSeqs(device.deviceId)).toEqual(seqsThrough(50));
  });

  it('without the header, arrival order as before: the second batch, first in, is refused', async () => {
    const device = await f.t.enrol(f.eventId);
    expect(outcome(await push(f.t, device, surveyChanges(device, 6, 5)))).toMatchObject(gapAt(1));
    expect(outcome(await push(f.t, device, surveyChanges(device, 1, 5)))).toEqual(accepted(5));
    expect(await storedSeqs(device.deviceId)).toEqual(seqsThrough(5));
  });

  it('a header that is not the body’s first seq, or no seq at all, is refused', async () => {
    const device = await f.t.enrol(f.eventId);
    const refused = (message: string) => ({
      status: 400,
      code: 'invalid_input',
      field: HEADERS.firstSeq,
      message,
    });
    expect(outcome(await push(f.t, device, surveyChanges(device, 6, 5), '1'))).toEqual(
      refused(
        "x-quiosco-first-seq: says 1, but the batch's first change has seq 6: send the seq of its first change, or no header",
      ),
    );
    expect(outcome(await push(f.t, device, surveyChanges(device, 1, 5), '6'))).toEqual(
      refused(
        "x-quiosco-first-seq: says 6, but the batch's first change has seq 1: send the seq of its first change, or no header",
      ),
    );
    expect(outcome(await push(f.t, device, [], '1'))).toEqual(
      refused(
        'x-quiosco-first-seq: says 1, but the batch has no changes: send the seq of its first change, or no header',
      ),
    );
    const notASeq = refused(
      "x-quiosco-first-seq: send the seq of the batch's first change, an integer from 0 to 9007199254740991",
    );
    for (const value of ['-1', '1.5', 'x', '1, 2', '', '9007199254740992']) {
      expect(outcome(await push(f.t, device, surveyChanges(device, 1, 5), value)), value).toEqual(notASeq);
    }
    expect(await storedSeqs(device.deviceId)).toEqual([]);
    // The lies held up nothing.
    expect(outcome(await push(f.t, device, surveyChanges(device, 1, 5), '1'))).toEqual(accepted(5));
  });

  it('a predecessor that never comes: the wait runs out and the batch is told the seq it lacks', async () => {
    const device = await f.t.enrol(f.eventId);
    const second = push(f.t, device, surveyChanges(device, 6, 5), '6');
    const runOut = await waitsForPredecessor(second);
    runOut();
    expect(outcome(await second)).toMatchObject(gapAt(1));
    expect(await storedSeqs(device.deviceId)).toEqual([]);
  });

  it('a predecessor whose kiosk hangs up ends the wait at once: sequence_gap, no hang', async () => {
    const device = await f.t.enrol(f.eventId);
    const ended = once(waits, 'ended');
    const second = push(f.t, device, surveyChanges(device, 6, 5), '6');
    await waitsForPredecessor(second);
    const first = pushInParts(f.t, device, surveyChanges(device, 1, 5), '1');
    // In line ahead of the second: it no longer waits for one to come, only for it to settle.
    await ended;
    first.drop();
    await expect(first.answer).rejects.toThrow();
    expect(outcome(await second)).toMatchObject(gapAt(1));
    expect(await storedSeqs(device.deviceId)).toEqual([]);
  });
});
