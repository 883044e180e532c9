import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, exportUrl, NoAnswerError } from './api';

describe('exportUrl', () => {
  it('puts the form id in one path segment and the options in the query, both encoded', () => {
    expect(exportUrl('feria', { format: 'csv', labels: 'es' })).toBe(
      '/console/api/exports/feria?format=csv&labels=es',
    );
    expect(exportUrl('a/../b?c#d', { from: '2026-12-07', actor: 'ana & luis', note: 'ñ=1' })).toBe(
      '/console/api/exports/a%2F..%2Fb%3Fc%23d?from=2026-12-07&actor=ana+%26+luis&note=%C3%B1%3D1',
    );
  });
});

describe('api reads', () => {
  // A real server on 127.0.0.1 that takes the request and then says nothing more, as a suspended
  // laptop or a Wi-Fi link lost mid-answer does: `answer` is what it sends before going quiet.
  async function quietServer(answer: (response: ServerResponse) => void) {
    const open = new Set<ServerResponse>();
    const server = createServer((_, response) => {
      open.add(response);
      answer(response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/v1/events`,
      close: async () => {
        open.forEach((r) => r.destroy());
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }

  it.each([
    ['no answer at all', () => undefined],
    [
      'an answer cut off mid-body',
      (response: ServerResponse) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        response.write('{"events": [');
      },
    ],
  ])('gives up on a read after its bound when the server sends %s', async (_, answer) => {
    const server = await quietServer(answer);
    try {
      const read = api(z.object({ events: z.array(z.string()) }), server.url, { v1: true, timeoutMs: 200 });
      await expect(read).rejects.toThrow(new NoAnswerError(200));
      await expect(read).rejects.toBeInstanceOf(NoAnswerError);
    } finally {
      await server.close();
    }
  });

  it('ends a read when the signal it was given is aborted, with the reason given', async () => {
    const server = await quietServer(() => undefined);
    try {
      const abort = new AbortController();
      const read = api(z.object({}), server.url, { v1: true, signal: abort.signal });
      abort.abort(new NoAnswerError(15_000));
      await expect(read).rejects.toThrow('no answer within 15000 ms');
    } finally {
      await server.close();
    }
  });
});
