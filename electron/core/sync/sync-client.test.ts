// The client against HTTP servers that are not a sync server, or not a well one: what it sends,
// and how every kind of wrong answer becomes a code staff screens can word.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADERS, PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { APP_NAME, createSyncClient, MAX_BUSY_WAIT_MS } from './sync-client';
import { SyncFailure } from './sync-failure';

type Seen = { method: string; url: string; headers: IncomingMessage['headers']; body: Buffer };
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** An HTTP server on 127.0.0.1 that records each request and answers with `reply`. */
async function serve(
  reply: (res: ServerResponse, seen: Seen) => void,
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      seen.push(request);
      reply(res, request);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const failureOf = async (promise: Promise<unknown>): Promise<SyncFailure> => {
  try {
    await promise;
  } catch (e) {
    if (e instanceof SyncFailure) return e;
    throw e;
  }
  throw new Error('no failure');
};

const SERVER_TIME = '2026-11-20T12:00:00.000Z';

describe('sync client', () => {
  it('sends protocol, app and token headers, gzips the push body, and samples the clock offset', async () => {
    const { url, seen } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json', [HEADERS.serverTime]: SERVER_TIME });
      res.end(JSON.stringify({ ackedThroughSeq: 3, rejected: [], serverTime: SERVER_TIME }));
    });
    // The kiosk's clock is 5 s behind the server's.
    const client = createSyncClient({
      serverUrl: url,
      token: 'qdev_abc',
      now: () => new Date(Date.parse(SERVER_TIME) - 5000),
    });
    const body = JSON.stringify({ deviceId: 'x', changes: [] });
    expect(await client.push(body)).toEqual({ ackedThroughSeq: 3, rejected: [], serverTime: SERVER_TIME });
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/sync/push' });
    expect(request?.headers).toMatchObject({
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: APP_NAME,
      authorization: 'Bearer qdev_abc',
      'content-type': 'application/json',
      'content-encoding': 'gzip',
    });
    expect(gunzipSync(request?.body ?? Buffer.alloc(0)).toString()).toBe(body);
    expect(client.clockOffsetMs).toBe(5000);
    // A batch says its first seq, so the server lines it up by it; the empty push says none.
    expect(request?.headers[HEADERS.firstSeq]).toBeUndefined();
    await client.push(JSON.stringify({ deviceId: 'x', changes: [{ seq: 41 }] }), { firstSeq: 41 });
    expect(seen[1]?.headers[HEADERS.firstSeq]).toBe('41');
  });

  it('keeps a path prefix in the server address', async () => {
    const { url, seen } = await serve((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ changes: [], cursor: 7, hasMore: false, serverTime: SERVER_TIME }));
    });
    const client = createSyncClient({ serverUrl: `${url}/quiosco`, token: 't', now: () => new Date() });
    expect(await client.pull(7, 50, 'kiosk')).toMatchObject({ cursor: 7, hasMore: false });
    expect(seen[0]?.url).toBe('/quiosco/v1/sync/pull?cursor=7&limit=50&stream=kiosk');
  });

  it('passes on the code, message and expected seq of a protocol error', async () => {
    const { url } = await serve((res) => {
      res.writeHead(409, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          error: { code: 'sequence_gap', message: 'send from 4', expectedSeq: 4 },
          serverTime: SERVER_TIME,
        }),
      );
    });
    const failure = await failureOf(createSyncClient({ serverUrl: url, now: () => new Date() }).push('{}'));
    expect({ ...failure.detail, code: failure.code, message: failure.message }).toEqual({
      code: 'sequence_gap',
      message: 'send from 4',
      status: 409,
      expectedSeq: 4,
    });
  });

  it('names answers that are not the protocol: a proxy error page, a wrong body, a bare 426', async () => {
    const cases: [number, string, string, string][] = [
      [502, '<html>Bad Gateway</html>', 'unavailable', 'HTTP 502 without a sync protocol error body'],
      [
        200,
        '{"changes":"none"}',
        'invalid_response',
        "GET /v1/sync/pull: the server's answer is not what the protocol says",
      ],
      [426, '', 'protocol_unsupported', 'HTTP 426: this app is too old for the server'],
      [404, 'Not Found', 'invalid_response', 'HTTP 404 without a sync protocol error body'],
    ];
    for (const [status, text, code, message] of cases) {
      const { url } = await serve((res) => {
        res.writeHead(status);
        res.end(text);
      });
      const failure = await failureOf(
        createSyncClient({ serverUrl: url, now: () => new Date() }).pull(0, 10, 'kiosk'),
      );
      expect([failure.code, failure.message]).toEqual([code, message]);
      server?.closeAllConnections();
      await new Promise((resolve) => server?.close(resolve));
    }
  });

  it('gives up on a server that never answers, after its timeout', async () => {
    const { url } = await serve(() => undefined);
    // The answer's wording proves the client's own timeout ended it (the server never answers).
    const failure = await failureOf(
      createSyncClient({ serverUrl: url, now: () => new Date(), timeoutMs: 300 }).pull(0, 10, 'kiosk'),
    );
    expect([failure.code, failure.message]).toEqual([
      'server_unreachable',
      'no answer from the server within 0.3 s',
    ]);
  });

  it('abandons an exchange when the kiosk closes', async () => {
    const { url } = await serve(() => undefined);
    const closing = new AbortController();
    const pending = failureOf(
      createSyncClient({ serverUrl: url, now: () => new Date(), signal: closing.signal }).pull(
        0,
        10,
        'kiosk',
      ),
    );
    setTimeout(() => closing.abort(), 50);
    expect((await pending).code).toBe('server_unreachable');
  });

  describe('a busy server (503 with Retry-After)', () => {
    const busy = (res: ServerResponse, retryAfter: string) => {
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': retryAfter });
      res.end(JSON.stringify({ error: { code: 'unavailable', message: 'busy' }, serverTime: SERVER_TIME }));
    };
    /** Timers that note each wait and let it pass at once, on a clock they move forward. */
    const fastTimers = () => {
      const waits: number[] = [];
      let clock = 0;
      return {
        waits,
        now: () => new Date(clock),
        timers: {
          setTimeout: (callback: () => void, ms: number) => {
            waits.push(ms);
            clock += ms;
            return setImmediate(callback);
          },
          clearTimeout: (handle: unknown) => clearImmediate(handle as NodeJS.Immediate),
        },
      };
    };

    it('is waited out, within the hinted second, and the same bytes sent again', async () => {
      const { url, seen } = await serve((res, request) => {
        if (seen.length === 1) busy(res, '3');
        else if (seen.length === 2) busy(res, '2');
        else {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ackedThroughSeq: 9, rejected: [], serverTime: SERVER_TIME }));
        }
        expect(request.headers['content-encoding']).toBe('gzip');
      });
      const fast = fastTimers();
      const client = createSyncClient({ serverUrl: url, ...fast, random: () => 0.25 });
      const body = JSON.stringify({ deviceId: 'x', changes: [], pad: 'x'.repeat(10_000) });
      expect((await client.push(body)).ackedThroughSeq).toBe(9);
      expect(fast.waits).toEqual([2750, 1750]);
      expect(seen.map((r) => gunzipSync(r.body).toString())).toEqual([body, body, body]);
    });

    it('fails the push once the waits would pass MAX_BUSY_WAIT_MS; without Retry-After at once', async () => {
      const { url, seen } = await serve((res) => busy(res, '600'));
      const fast = fastTimers();
      const client = createSyncClient({ serverUrl: url, ...fast, random: () => 0 });
      const failure = await failureOf(client.push('{}'));
      // Hints are capped at 60 s: ten waits fill the ten minutes.
      expect(fast.waits).toEqual(Array.from({ length: MAX_BUSY_WAIT_MS / 60_000 }, () => 60_000));
      expect([failure.code, failure.detail.retryAfterS, seen.length]).toEqual(['unavailable', 60, 11]);

      const down = await serve((res) => {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'unavailable', message: 'no database' } }));
      });
      const downFailure = await failureOf(createSyncClient({ serverUrl: down.url, ...fast }).push('{}'));
      expect([downFailure.code, downFailure.detail.retryAfterS, down.seen.length]).toEqual([
        'unavailable',
        undefined,
        1,
      ]);
    });

    it('stops waiting when the kiosk closes', async () => {
      const closing = new AbortController();
      const { url } = await serve((res) => busy(res, '60'));
      // The kiosk closes while it waits its minute (a wait that would never end on its own): the
      // push ends at once, with the server's answer.
      const timers = {
        setTimeout: () => {
          closing.abort();
          return undefined;
        },
        clearTimeout: () => undefined,
      };
      const client = createSyncClient({
        serverUrl: url,
        now: () => new Date(),
        signal: closing.signal,
        timers,
      });
      expect((await failureOf(client.push('{}'))).detail.retryAfterS).toBe(60);
    });
  });
});
