// The web kiosk over real HTTP on 127.0.0.1: static files, the API, and every refusal with its
// exact status, Result and no rows written.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, MAX_PAYLOAD_BYTES, type Channel, type ChannelOutput } from '../../../shared/ipc/contract';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { initKiosk } from '../kiosk-setup';
import {
  countRows,
  initTestKiosk,
  makeTempDir,
  readSubmission,
  surveySave,
  TEST_PIN,
  writeFreeTextForm,
} from '../testing/kiosk-fixtures';
import { CONTENT_SECURITY_POLICY } from '../../../shared/kiosk/content-security-policy';
import { bigJpeg, heritageDraft } from '../testing/field-fixtures';
import { ATTACHMENT_BODY_LIMIT, startWebKiosk, type WebKiosk } from './web-server';

let data: ReturnType<typeof makeTempDir>;
let renderer: ReturnType<typeof makeTempDir>;
let core: KioskCore;
let web: WebKiosk;
let free: { formId: string; version: string };

beforeAll(async () => {
  data = makeTempDir();
  renderer = makeTempDir();
  writeFileSync(
    join(renderer.path, 'index.html'),
    '<!doctype html><title>Quiosco</title><script type="module" src="/assets/app-1a2b.js"></script>',
  );
  mkdirSync(join(renderer.path, 'assets'));
  writeFileSync(join(renderer.path, 'assets', 'app-1a2b.js'), 'console.log("kiosk")');
  const forms = makeTempDir();
  free = writeFreeTextForm(forms.path);
  await initTestKiosk(data.path);
  await initKiosk({ dataDir: data.path, formsDir: forms.path });
  forms.remove();
  core = openKioskCore({ dataDir: data.path });
  web = await startWebKiosk({ core, port: 0, rendererDir: renderer.path });
});
afterAll(async () => {
  await web.close();
  core.close();
  data.remove();
  renderer.remove();
});

const api = (channel: string) => new URL(`api/${channel}`, web.url);
const post = (
  channel: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json' },
) => fetch(api(channel), { method: 'POST', headers, body });

/** Checks a 200 Result and parses its value with the contract's output schema. */
async function okValue<C extends Channel>(channel: C, response: Response): Promise<ChannelOutput<C>> {
  expect(response.status).toBe(200);
  const result: unknown = await response.json();
  expect(result).toMatchObject({ ok: true });
  return contract[channel].output.parse((result as { value: unknown }).value) as ChannelOutput<C>;
}

/** A request with headers fetch will not let us set (Host, Origin). */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, web.url),
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Sends a call that must be refused with `status`; checks the Result and that nothing was written. */
async function expectRefused(
  send: () => Promise<{ status: number; body: unknown }>,
  status: number,
  error: unknown,
): Promise<void> {
  const before = countRows(data.path);
  const response = await send();
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ ok: false, error });
  expect(countRows(data.path)).toEqual(before);
}
const viaFetch = (response: Promise<Response>) => async () => {
  const r = await response;
  return { status: r.status, body: await r.json() };
};
const viaRaw = (response: Promise<{ status: number; body: string }>) => async () => {
  const r = await response;
  return { status: r.status, body: JSON.parse(r.body) };
};

describe('web kiosk files', () => {
  it('listens on the loopback port it reports', () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(web.url).not.toBe('http://127.0.0.1:0/');
  });

  it('serves index.html with a strict CSP and no caching', async () => {
    const response = await fetch(web.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Quiosco</title>');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; media-src 'self' blob:; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).toBe(response.headers.get('content-security-policy'));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the app for page paths (the renderer routes itself) with the same headers', async () => {
    const response = await fetch(new URL('staff/settings', web.url));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Quiosco</title>');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('lets the browser cache hashed assets, and 404s missing files', async () => {
    const asset = await fetch(new URL('assets/app-1a2b.js', web.url));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(new URL('assets/missing.js', web.url))).status).toBe(404);
  });

  it('refuses a Host that is not this kiosk (DNS rebinding)', async () => {
    const port = new URL(web.url).port;
    const response = await raw('/', { headers: { host: `evil.example:${port}` } });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({
      ok: false,
      error: { code: 'forbidden', message: `Refused: Host "evil.example:${port}" is not this kiosk` },
    });
    expect((await raw('/', { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });
});

describe('web kiosk API', () => {
  it('answers a call with its Result', async () => {
    const response = await post('kiosk:bootstrap', '{}');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const value = await okValue('kiosk:bootstrap', response);
    expect(value.deviceId).toBe(core.deviceId);
    expect(value.forms.map((f) => f.formId)).toEqual(['registro_visitantes', 'encuesta_impacto_economico']);
  });

  it('saves a submission, the same as over IPC', async () => {
    const { id } = await okValue(
      'submission:save',
      await post('submission:save', JSON.stringify(surveySave())),
    );
    expect(readSubmission(data.path, id).outbox).toHaveLength(1);
  });

  it('accepts a same-origin Origin', async () => {
    const response = await raw('/api/kiosk:bootstrap', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: web.url.slice(0, -1) },
      body: '{}',
    });
    expect(response.status).toBe(200);
  });

  it('stores emoji, RTL text, SQL-looking strings and 10,000 characters verbatim', async () => {
    for (const texto of ['مرحبا 👩‍🍳', "'); DROP TABLE submissions;--", 'ñ'.repeat(10_000)]) {
      const response = await post(
        'submission:save',
        JSON.stringify({ ...surveySave({ texto }), formId: free.formId, formVersion: free.version }),
      );
      const { id } = await okValue('submission:save', response);
      expect(JSON.parse(String(readSubmission(data.path, id).submission?.answers))).toEqual({ texto });
    }
  });
});

describe('web kiosk refusals', () => {
  const save = JSON.stringify(surveySave());

  it('malformed JSON → 400 invalid_input', async () => {
    await expectRefused(viaFetch(post('submission:save', '{"formId": "encuesta_impacto_economico",')), 400, {
      code: 'invalid_input',
      message: "Request refused: Body is not valid JSON but content-type is set to 'application/json'",
    });
  });

  it('a body that is not JSON → 400 invalid_input', async () => {
    await expectRefused(viaFetch(post('submission:save', save, { 'content-type': 'text/plain' })), 400, {
      code: 'invalid_input',
      message: 'Request refused: Unsupported Media Type',
    });
  });

  it('an unknown channel → 404 unknown_channel', async () => {
    await expectRefused(viaFetch(post('submission:drop', save)), 404, {
      code: 'unknown_channel',
      message: 'No channel named "submission:drop"',
    });
    await expectRefused(viaFetch(fetch(api('kiosk:bootstrap'))), 404, {
      code: 'unknown_channel',
      message: 'No API at GET /api/kiosk:bootstrap',
    });
  });

  it('wrong types and extra keys → 400 invalid_input naming the field', async () => {
    await expectRefused(
      viaFetch(post('submission:save', JSON.stringify({ ...surveySave(), complete: 1 }))),
      400,
      {
        code: 'invalid_input',
        message: 'submission:save: ✖ Invalid input: expected boolean, received number\n  → at complete',
        details: {
          issues: [{ path: 'complete', message: 'Invalid input: expected boolean, received number' }],
        },
      },
    );
    await expectRefused(
      viaFetch(post('submission:save', JSON.stringify({ ...surveySave(), id: 'mine' }))),
      400,
      {
        code: 'invalid_input',
        message: 'submission:save: ✖ Unrecognized key: "id"',
        details: { issues: [{ path: '', message: 'Unrecognized key: "id"' }] },
      },
    );
  });

  it('a body over MAX_PAYLOAD_BYTES → 413 payload_too_large', async () => {
    const big = JSON.stringify({
      ...surveySave({ texto: 'x'.repeat(MAX_PAYLOAD_BYTES) }),
      formId: free.formId,
      formVersion: free.version,
    });
    await expectRefused(viaFetch(post('submission:save', big)), 413, {
      code: 'payload_too_large',
      message: 'Request body is larger than 1000000 bytes',
    });
  });

  it('a prototype-poisoning key → 400 invalid_input', async () => {
    await expectRefused(
      viaFetch(post('submission:save', save.replace('{', '{"__proto__": {"complete": true},'))),
      400,
      {
        code: 'invalid_input',
        message: "Request refused: Body is not valid JSON but content-type is set to 'application/json'",
      },
    );
  });

  it('answers the form rejects → 422, staff calls without a session → 401, wrong PIN → 401', async () => {
    await expectRefused(
      viaFetch(post('submission:save', JSON.stringify(surveySave({ acepta: 'quizá' })))),
      422,
      {
        code: 'answers_invalid',
        message: '1 answer(s) do not satisfy the form: acepta (not_a_choice)',
        details: { issues: [expect.objectContaining({ path: 'acepta', code: 'not_a_choice' })] },
      },
    );
    await expectRefused(viaFetch(post('staff:status', JSON.stringify({ token: 'A'.repeat(43) }))), 401, {
      code: 'staff_only',
      message: 'Staff session missing or expired: unlock with the PIN',
    });
    await expectRefused(viaFetch(post('staff:unlock', JSON.stringify({ pin: '0000' }))), 401, {
      code: 'pin_wrong',
      message: 'Wrong PIN',
      details: { attemptsLeft: 4 },
    });
    const unlocked = await post('staff:unlock', JSON.stringify({ pin: TEST_PIN }));
    expect(unlocked.status).toBe(200);
  });

  it('a POST from another origin → 403 forbidden (CSRF)', async () => {
    await expectRefused(
      viaRaw(
        raw('/api/submission:save', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'http://evil.example' },
          body: save,
        }),
      ),
      403,
      { code: 'forbidden', message: 'Refused: requests from "http://evil.example" are not allowed' },
    );
    await expectRefused(
      viaRaw(
        raw('/api/submission:save', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'null' },
          body: save,
        }),
      ),
      403,
      { code: 'forbidden', message: 'Refused: requests from "null" are not allowed' },
    );
  });

  it('an API call naming another Host → 403 forbidden', async () => {
    await expectRefused(
      viaRaw(
        raw('/api/submission:save', {
          method: 'POST',
          headers: { 'content-type': 'application/json', host: 'attacker.test' },
          body: save,
        }),
      ),
      403,
      { code: 'forbidden', message: 'Refused: Host "attacker.test" is not this kiosk' },
    );
  });
});

describe('body limits per channel', () => {
  const token = async () =>
    (await okValue('staff:unlock', await post('staff:unlock', JSON.stringify({ pin: TEST_PIN })))).token;

  it('attachment:save takes a photo larger than MAX_PAYLOAD_BYTES', async () => {
    const photo = bigJpeg(3 * MAX_PAYLOAD_BYTES);
    const body = JSON.stringify({
      token: await token(),
      mime: 'image/jpeg',
      base64: photo.toString('base64'),
    });
    const saved = await okValue('attachment:save', await post('attachment:save', body));
    expect(saved.size).toBe(photo.length);
  });

  it('attachment:save over its own limit → 413 naming that limit, nothing stored', async () => {
    const body = JSON.stringify({
      token: await token(),
      mime: 'image/jpeg',
      base64: 'A'.repeat(ATTACHMENT_BODY_LIMIT),
    });
    await expectRefused(viaFetch(post('attachment:save', body)), 413, {
      code: 'payload_too_large',
      message: `Request body is larger than ${ATTACHMENT_BODY_LIMIT} bytes`,
    });
  });

  it('every other channel keeps MAX_PAYLOAD_BYTES, draft:save included', async () => {
    const body = JSON.stringify({
      token: await token(),
      ...heritageDraft({ descripcion: 'x'.repeat(MAX_PAYLOAD_BYTES) }),
    });
    await expectRefused(viaFetch(post('draft:save', body)), 413, {
      code: 'payload_too_large',
      message: `Request body is larger than ${MAX_PAYLOAD_BYTES} bytes`,
    });
  });
});
