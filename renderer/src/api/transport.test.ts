import { describe, expect, it } from 'vitest';
import { bridgeApi, httpApi, readResult } from './transport';

const json = (body: unknown, status: number) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('readResult', () => {
  it('reads a failure Result whatever the HTTP status', async () => {
    const error = { code: 'pin_wrong', message: 'wrong PIN', details: { attemptsLeft: 3 } };
    expect(await readResult(json({ ok: false, error }, 403))).toEqual({ ok: false, error });
  });

  it('reads a success Result', async () => {
    expect(await readResult(json({ ok: true, value: { locked: true } }, 200))).toEqual({
      ok: true,
      value: { locked: true },
    });
  });

  it('turns a body that is not JSON into an internal error', async () => {
    const result = await readResult(new Response('<html>Bad gateway</html>', { status: 502 }));
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'HTTP 502: the answer is not JSON' },
    });
  });

  it('turns JSON that is not a Result into an internal error', async () => {
    const result = await readResult(json({ ok: false, error: 'nope' }, 500));
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'HTTP 500: the answer is not a Result' },
    });
  });
});

describe('httpApi', () => {
  it('posts the input as JSON to /api/<channel>', async () => {
    const requests: { url: string; init: RequestInit | undefined }[] = [];
    const api = httpApi(async (url, init) => {
      requests.push({ url: String(url), init });
      return json({ ok: true, value: { locked: true } }, 200);
    });
    const token = 'abcdefghijklmnopqrstuvwxyz';
    expect(await api('staff:lock', { token })).toEqual({ ok: true, value: { locked: true } });
    expect(requests).toEqual([
      {
        url: '/api/staff:lock',
        init: {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ token }),
        },
      },
    ]);
  });

  it('reports a network failure as an internal error instead of throwing', async () => {
    const api = httpApi(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await api('kiosk:bootstrap', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'network: Failed to fetch' },
    });
  });
});

describe('bridgeApi', () => {
  it('reports a rejected IPC call as an internal error', async () => {
    const api = bridgeApi({
      call: async () => {
        throw new Error('Error invoking remote method');
      },
    });
    expect(await api('kiosk:bootstrap', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'ipc: Error invoking remote method' },
    });
  });
});
