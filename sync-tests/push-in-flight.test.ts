// A kiosk sends its next batch before the answer to the last (two in flight), through an HTTP
// proxy on 127.0.0.1 that watches the pushes: two overlap, none is refused for a gap, the server
// ends with exactly the kiosk's records, even when the second batch reaches the server first
// (each says its first seq: the server waits for the first). Once the server says it is busy, the
// kiosk sends one at a time for the rest of the round (a batch sent while the one before waits out
// Retry-After would overtake it). The kiosk's hinted waits pass at once (injected timers), the
// server's wait for a late batch ends only when the batch comes: nothing sleeps.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { immediateTimers } from '../electron/core/sync/testing/manual-timers';
import type { Timers } from '../electron/core/sync/sync-scheduler';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { bulkSave, expectSameRecords, openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

type Watch = {
  url: string;
  statuses: number[];
  mostAtOnce: number;
  /** Sends on the first batch held whole (`hold` 'whole'), once it has come in. */
  release(): void;
  close(): Promise<void>;
};

/**
 * Forwards every request to `target`, noting how many pushes overlap and how each ended. The
 * first push with records (the round's second: an empty push starts it) may be held until a later
 * push has been answered (or `release`): with `hold` 'body' it goes on with its headers alone, so
 * the server has admitted it and is reading it while the next one arrives, however fast this
 * machine is; with 'whole' it goes on only then, so the next one reaches the server first.
 */
async function watchPushes(target: string, hold?: 'body' | 'whole'): Promise<Watch> {
  const watch: Pick<Watch, 'statuses' | 'mostAtOnce'> = { statuses: [], mostAtOnce: 0 };
  let atOnce = 0;
  let pushes = 0;
  let releaseHeld: (() => void) | undefined;
  const proxy: Server = createServer((incoming, outgoing) => {
    const isPush = incoming.url === '/v1/sync/push';
    const number = isPush ? ++pushes : 0;
    if (isPush) watch.mostAtOnce = Math.max(watch.mostAtOnce, ++atOnce);
    const forward = () =>
      request(
        new URL(incoming.url ?? '/', target),
        { method: incoming.method, headers: incoming.headers },
        (answer) => {
          // Counted as over before the kiosk sees a byte of it: the kiosk, in this process, may
          // send its next push as soon as it has the answer.
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => {
            if (isPush) {
              atOnce--;
              watch.statuses.push(answer.statusCode ?? 0);
              if (number > 2) releaseHeld?.();
            }
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            outgoing.end(Buffer.concat(chunks));
          });
        },
      );
    if (hold === undefined || number !== 2) return void incoming.pipe(forward());
    const forwarded = hold === 'body' ? forward() : undefined;
    forwarded?.flushHeaders();
    const body: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => body.push(chunk));
    const received = new Promise<void>((resolve) => incoming.on('end', resolve));
    releaseHeld = () => {
      releaseHeld = undefined;
      void received.then(() => (forwarded ?? forward()).end(Buffer.concat(body)));
    };
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return Object.assign(watch, {
    url: `http://127.0.0.1:${port}/`,
    release: () => releaseHeld?.(),
    close: () => new Promise<void>((resolve) => proxy.close(() => resolve())),
  });
}

const RECORDS = 230;
let server: TestServer | undefined;
let kiosk: SyncKiosk | undefined;
let watch: Watch | undefined;
afterEach(async () => {
  kiosk?.close();
  kiosk?.remove();
  await watch?.close();
  await server?.close();
});

describe.each(DB_KINDS)('a kiosk’s pushes in flight on %s', (kind) => {
  async function kioskBehindWatch(
    timers?: Timers,
    hold?: 'body' | 'whole',
  ): Promise<{ k: SyncKiosk; w: Watch; eventId: string }> {
    const t = server as TestServer;
    const eventId = await t.createEvent(['encuesta-impacto-economico']);
    watch = await watchPushes(t.url, hold);
    kiosk = await openSyncKiosk({ sync: { pushBatchSize: 40, ...(timers && { timers }) } });
    expect((await kiosk.enrol({ db: t.server.db, url: watch.url }, eventId)).enrolled).toBe(true);
    bulkSave(kiosk.dataDir, RECORDS);
    return { k: kiosk, w: watch, eventId };
  }

  it('sends two batches at once, and the server settles them in order', async () => {
    server = await openServerForTest(kind);
    const { k, w, eventId } = await kioskBehindWatch();
    expect((await k.core.syncNow()).lastError).toBeNull();
    expect(w.mostAtOnce).toBe(2);
    // The empty push that starts the round, then six batches of at most 40: none refused.
    expect(w.statuses).toEqual(Array.from({ length: 7 }, () => 200));
    await expectSameRecords(server.server.db, k, RECORDS);
    expect(await server.count('submissions', { eventId })).toBe(RECORDS);
  });

  it('the second batch, reaching the server first, waits there for the first: none refused', async () => {
    // The server waits for the late first batch until it comes: the proxy sends it on only once
    // the server waits for it (or has answered the second: then the old gap shows as a 409).
    server = await openServerForTest(kind, {
      pushOrder: {
        waitForPredecessor: () => {
          watch?.release();
          return new Promise<void>(() => undefined);
        },
      },
    });
    const { k, w, eventId } = await kioskBehindWatch(undefined, 'whole');
    expect((await k.core.syncNow()).lastError).toBeNull();
    expect(w.statuses).toEqual(Array.from({ length: 7 }, () => 200));
    await expectSameRecords(server.server.db, k, RECORDS);
    expect(await server.count('submissions', { eventId })).toBe(RECORDS);
  });

  it('once told the server is busy, sends one batch at a time', async () => {
    server = await openServerForTest(kind, { pushAdmission: { maxPushes: 1 } });
    const { timers, waits } = immediateTimers();
    const { k, w, eventId } = await kioskBehindWatch(timers, 'body');
    expect((await k.core.syncNow()).lastError).toBeNull();
    // The second of the first two batches came while the first held the one place: refused (503),
    // it waited; no batch was ever refused for a gap.
    expect(w.statuses).toContain(503);
    expect(waits.length).toBeGreaterThan(0);
    expect(w.statuses).not.toContain(409);
    await expectSameRecords(server.server.db, k, RECORDS);
    expect(await server.count('submissions', { eventId })).toBe(RECORDS);
  });
});
