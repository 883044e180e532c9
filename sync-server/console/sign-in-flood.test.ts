// A flood of console sign-ins against a real server on 127.0.0.1, SQLite and PostgreSQL: each
// costs a slow password hash, unknown names too, so only a few run at once and a short queue
// waits; the rest are refused at once with 429 and Retry-After, and the server keeps answering.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { DB_KINDS, openServerForTest, type CallResult, type TestServer } from '../testing/test-server';
import { createUser, WRONG_CREDENTIALS } from './accounts';
import { HashGate, TOO_MANY_SIGN_INS } from './hash-gate';
import { signInCall, TEST_PASSWORD } from './testing/signed-in';

const BURST = 24;
const QUEUE = 3;

describe.each(DB_KINDS)('sign-in floods on %s', (kind) => {
  let t: TestServer;
  // One hash at once; the test holds that place itself, so who waits and who is refused is decided
  // by the gate's bound alone, not by how fast the hashes run.
  const gate = new HashGate({ inFlight: 1, queue: QUEUE, retryAfter: 2 });
  beforeAll(async () => {
    t = await openServerForTest(kind, { signInHashes: gate });
    await createUser(t.server.db, { username: 'ana', role: 'admin', password: TEST_PASSWORD });
  });
  let release = () => {};
  afterAll(async () => {
    release();
    await t.close();
  });

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;

  it(`lets ${QUEUE} of ${BURST} sign-ins wait for a busy hash and refuses the rest with 429`, async () => {
    const held = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const settled: CallResult[] = [];
    // Unknown names: each costs a hash (a known name's wrong guesses would lock it after a few).
    const burst = Array.from({ length: BURST }, (_, i) =>
      signInCall(t, `nadie${i}`, `guess ${i}`).then((r) => {
        settled.push(r);
        return r;
      }),
    );
    await vi.waitFor(() => expect(settled).toHaveLength(BURST - QUEUE), { timeout: 30_000, interval: 10 });
    for (const r of settled) {
      expect([r.status, r.headers.get('retry-after'), errorOf(r)]).toEqual([
        429,
        '2',
        { code: 'too_many_requests', message: TOO_MANY_SIGN_INS, retryAfter: 2 },
      ]);
    }
    // Hashing is full, the server is not: its health answers meanwhile.
    expect((await t.call('GET', '/healthz')).status).toBe(200);
    release();
    await held;
    const answers = await Promise.all(burst);
    const waited = answers.filter((r) => r.status !== 429);
    expect(waited.map((r) => [r.status, errorOf(r).message])).toEqual(
      Array.from({ length: QUEUE }, () => [401, WRONG_CREDENTIALS]),
    );
    const right = await signInCall(t, 'ana', TEST_PASSWORD);
    expect(right.status).toBe(200);
  });

  it('answers a real burst of unknown names with 401 or 429 only, then /healthz and a right sign-in', async () => {
    const answers = await Promise.all(
      Array.from({ length: BURST }, (_, i) => signInCall(t, `nadie${i}`, 'guess')),
    );
    for (const r of answers) expect([401, 429]).toContain(r.status);
    expect((await t.call('GET', '/healthz')).status).toBe(200);
    expect((await signInCall(t, 'ana', TEST_PASSWORD)).status).toBe(200);
  });
});
