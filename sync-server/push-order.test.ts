// A kiosk's two pushes in flight at once, on SQLite and PostgreSQL: settled in the order they
// arrived even when the first one's body comes in last, and a first one that never completes
// holds up nothing (sync/device-order.ts).
import { request, type ClientRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ErrorBodySchema, HEADERS, PROTOCOL_VERSION, PushResponseSchema } from '../shared/sync/protocol';
import { serverForBlock } from './testing/block-server';
import { DB_KINDS, surveyChanges, type TestDevice, type TestServer } from './testing/test-server';

type Answer = { status: number; body: unknown };

/** A push whose body is sent in two parts, the second when the test says. */
function pushInParts(t: TestServer, device: TestDevice, from: number, count: number) {
  const body = Buffer.from(
    JSON.stringify({ deviceId: device.deviceId, changes: surveyChanges(device, from, count) }),
  );
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
    const first = pushInParts(f.t, device, 1, 300);
    await first.started;
    const second = pushInParts(f.t, device, 301, 300);
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
    const first = pushInParts(f.t, device, 1, 5);
    await first.started;
    const second = pushInParts(f.t, device, 6, 5);
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
