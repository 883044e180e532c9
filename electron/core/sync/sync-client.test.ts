// The client against HTTP servers that are not a sync server, or not a well one: what it sends,
// and how every kind of wrong answer becomes a code staff screens can word.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADERS, PROTOCOL_VERSION } from '../../../shared/sync/protocol';
import { APP_NAME, createSyncClient } from './sync-client';
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
});
