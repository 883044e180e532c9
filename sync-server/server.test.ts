// The server as a whole, on SQLite and on PostgreSQL: health, the OpenAPI document, the protocol
// check, server time on every response, error bodies, gzip both ways and the body size limit.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ErrorBodySchema,
  HEADERS,
  HealthResponseSchema,
  MAX_BODY_BYTES,
  PROTOCOL_VERSION,
  PushResponseSchema,
} from '../shared/sync/protocol';
import { EventListResponseSchema } from '../shared/sync/admin-api';
import { MIGRATIONS } from './db/migrate';
import { SERVER_VERSION } from './server';
import { withTwoServersOnOnePostgres } from './testing/servers-on-one-database';
import {
  DB_KINDS,
  openServerForTest,
  surveyChanges,
  withAdmin,
  type TestServer,
} from './testing/test-server';

const ENDPOINTS = [
  'GET /healthz',
  'GET /openapi.json',
  'POST /v1/enrol',
  'POST /v1/sync/push',
  'GET /v1/sync/pull',
  'POST /v1/events',
  'GET /v1/events',
  'POST /v1/events/{eventId}/forms',
  'GET /v1/events/{eventId}/forms',
  'POST /v1/events/{eventId}/enrol-codes',
  'GET /v1/devices',
  'PUT /v1/devices/{deviceId}/assignment',
  'POST /v1/devices/{deviceId}/revoke',
  'GET /v1/submissions',
  'GET /v1/exports/{formId}',
  'POST /v1/tickets/import',
  'POST /v1/tickets/revoke',
  'POST /v1/tickets/block',
  'POST /v1/tickets/unblock',
  'POST /v1/events/{eventId}/tickets',
  'GET /v1/events/{eventId}/tickets',
  'GET /v1/events/{eventId}/ticket-keys',
  'POST /v1/events/{eventId}/ticket-keys',
  'POST /v1/events/{eventId}/ticket-keys/{keyId}/retire',
  'GET /v1/events/{eventId}/door',
  'PUT /v1/events/{eventId}/door',
  'GET /v1/events/{eventId}/double-entries',
  'GET /v1/events/{eventId}/occupancy',
  'GET /v1/events/{eventId}/branding',
  'PUT /v1/events/{eventId}/branding',
  'GET /v1/sync/branding/{sha256}',
  'GET /v1/sync/form-media/{sha256}',
  'PUT /v1/attachments/{name}/chunks',
  'GET /v1/attachments/{name}/status',
  'POST /v1/attachments/status',
  'GET /v1/attachments/{name}',
  'POST /console/api/session',
  'GET /console/api/session',
  'POST /console/api/session/end',
  'GET /console/api/events',
  'GET /console/api/kiosks',
  'GET /console/api/dashboard',
  'GET /console/api/exports/{formId}',
  'GET /console/api/export-jobs',
  'GET /console/api/export-jobs/{jobId}',
  'GET /console/api/data/{formId}',
  'GET /console/api/photos/{name}',
  'GET /console/api/photos/{name}/thumbnail',
  'POST /console/api/enrol-codes',
  'POST /console/api/kiosks/{deviceId}/revoke',
  'GET /console/api/setup/events',
  'POST /console/api/setup/events',
  'POST /console/api/setup/events/{eventId}',
  'POST /console/api/setup/events/{eventId}/archive',
  'GET /console/api/setup/forms',
  'POST /console/api/setup/forms',
  'GET /console/api/setup/forms/{formId}/versions/{version}',
  'GET /console/api/preview/forms/{formId}/versions/{version}',
  'GET /console/api/users',
  'POST /console/api/users',
  'POST /console/api/users/{username}/disable',
  'GET /console/api/setup/events/{eventId}/branding',
  'GET /console/api/setup/events/{eventId}/branding/{sha256}',
  'POST /console/api/setup/events/{eventId}/branding',
  'GET /console/api/setup/events/{eventId}/venues',
  'POST /console/api/setup/events/{eventId}/venues',
  'POST /console/api/setup/events/{eventId}/venues/{venueId}',
  'POST /console/api/kiosks/{deviceId}/venue',
  'GET /console/api/audit',
  'POST /console/api/usb/import',
  'GET /console/api/kiosks/{deviceId}/usb-setup',
];

const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;

describe.each(DB_KINDS)('sync server on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openServerForTest(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers /healthz with its database and version', async () => {
    const response = await t.call('GET', '/healthz', { headers: { [HEADERS.protocol]: undefined } });
    expect(response.status).toBe(200);
    const health = HealthResponseSchema.parse(response.body);
    expect(health).toMatchObject({ status: 'ok', db: kind, version: SERVER_VERSION });
    expect(health.protocol).toEqual({ oldest: 1, newest: PROTOCOL_VERSION });
  });

  it('documents every endpoint in /openapi.json, and every documented endpoint exists', async () => {
    const response = await t.call('GET', '/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(documented.sort()).toEqual([...ENDPOINTS].sort());
    // Every documented operation is routed: unauthenticated calls get 401/400, never 404.
    for (const endpoint of ENDPOINTS) {
      const [method, path] = endpoint.split(' ') as [string, string];
      const concrete = path
        .replace('{eventId}', 'some_event')
        .replace('{deviceId}', '0190a5e4-0000-7000-8000-000000000000')
        .replace('{keyId}', '0')
        .replace('{formId}', 'some_form')
        .replace('{version}', '1')
        .replace('{username}', 'nadie')
        .replace('{sha256}', '0'.repeat(64))
        .replace('{name}', `${'0'.repeat(64)}.jpg`);
      const { status } = await t.call(method, concrete, method === 'GET' ? {} : { body: {} });
      expect(status, endpoint).not.toBe(404);
    }
    const push = doc.paths['/v1/sync/push']?.post as { requestBody?: unknown; security?: unknown };
    expect(push.security).toEqual([{ bearer: [] }]);
    expect(JSON.stringify(push.requestBody)).toContain('"changes"');
    const chunk = doc.paths['/v1/attachments/{name}/chunks']?.put as { requestBody?: unknown };
    expect(JSON.stringify(chunk.requestBody)).toContain('application/octet-stream');
    expect(JSON.stringify(doc.paths['/v1/sync/pull']?.get)).toContain('"records"');
  });

  it('puts the server time in a header on every response and in every JSON body', async () => {
    const admin = await t.tokenFor('admin');
    const sent = Date.now();
    const ok = await t.call('GET', '/v1/events', { token: admin });
    const answered = Date.now();
    const refused = await t.call('GET', '/v1/events');
    const missing = await t.call('GET', '/v1/nothing-here', { token: admin });
    const doc = await t.call('GET', '/openapi.json');
    for (const response of [ok, refused, missing, doc]) {
      expect(response.headers.get(HEADERS.serverTime)).toMatch(ISO_UTC);
      expect(response.headers.get(HEADERS.protocol)).toBe(String(PROTOCOL_VERSION));
    }
    expect(EventListResponseSchema.parse(ok.body).serverTime).toBe(ok.headers.get(HEADERS.serverTime));
    expect(ErrorBodySchema.parse(refused.body).serverTime).toBe(refused.headers.get(HEADERS.serverTime));
    expect(missing.status).toBe(404);
    expect(errorOf(missing.body)).toEqual({ code: 'not_found', message: 'No endpoint GET /v1/nothing-here' });
    // The server's clock while it answered, however long the answer took on a busy machine.
    const serverTime = Date.parse(ok.headers.get(HEADERS.serverTime) ?? '');
    expect(serverTime).toBeGreaterThanOrEqual(sent);
    expect(serverTime).toBeLessThanOrEqual(answered);
  });

  it.runIf(kind === 'postgres')(
    'several servers share one PostgreSQL: they migrate at once and serve the same data',
    () =>
      withTwoServersOnOnePostgres(async (a, b) => {
        const eventId = await a.createEvent(['encuesta-impacto-economico']);
        const device = await b.enrol(eventId);
        const pushed = await a.call('POST', '/v1/sync/push', {
          token: device.token,
          body: { deviceId: device.deviceId, changes: surveyChanges(device, 1, 5) },
        });
        expect(PushResponseSchema.parse(pushed.body).ackedThroughSeq).toBe(5);
        const again = await b.call('POST', '/v1/sync/push', {
          token: device.token,
          body: { deviceId: device.deviceId, changes: surveyChanges(device, 6, 5) },
        });
        expect(PushResponseSchema.parse(again.body).ackedThroughSeq).toBe(10);
        expect(await a.count('submissions', { deviceId: device.deviceId })).toBe(10);
        const versions = await a.server.db.db.selectFrom('schema_migrations').select('version').execute();
        expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
      }),
  );

  it.runIf(kind === 'postgres')('survives PostgreSQL closing its connections and reconnects', async () => {
    const admin = await t.tokenFor('admin');
    expect((await t.call('GET', '/v1/events', { token: admin })).status).toBe(200);
    const url = new URL(t.server.db.location);
    const killed = await withAdmin((client) =>
      client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [
        url.pathname.slice(1),
      ]),
    );
    expect(killed.rowCount).toBeGreaterThan(0);
    // Wait until the pool has seen its idle connections close (not a guessed delay): a busy
    // machine may take longer than any fixed pause to deliver the errors.
    const pool = t.server.db.pgPool;
    await vi.waitFor(() => expect(pool?.totalCount).toBe(0), { timeout: 30_000, interval: 10 });
    expect((await t.call('GET', '/v1/events', { token: admin })).status).toBe(200);
    expect((await t.call('GET', '/healthz')).status).toBe(200);
  });

  describe('protocol versions', () => {
    it('refuses a request without the protocol header, naming it', async () => {
      const response = await t.call('GET', '/v1/events', { headers: { [HEADERS.protocol]: undefined } });
      expect(response.status).toBe(400);
      expect(errorOf(response.body)).toMatchObject({ code: 'invalid_input', field: HEADERS.protocol });
    });

    it('refuses a request without the app header, naming it', async () => {
      const response = await t.call('GET', '/v1/events', { headers: { [HEADERS.app]: undefined } });
      expect(response.status).toBe(400);
      expect(errorOf(response.body)).toMatchObject({ code: 'invalid_input', field: HEADERS.app });
    });

    it('answers an older, unsupported protocol with 426 and how to fix it, before authentication', async () => {
      const response = await t.call('POST', '/v1/sync/push', {
        headers: { [HEADERS.protocol]: '0' },
        body: { deviceId: 'x', changes: [] },
      });
      expect(response.status).toBe(426);
      const error = errorOf(response.body);
      expect(error.code).toBe('protocol_unsupported');
      expect(error.supported).toEqual({ oldest: 1, newest: PROTOCOL_VERSION });
      expect(error.message).toContain('update the kiosk app');
    });

    it('refuses a newer protocol than its own with 400, telling to update the server', async () => {
      const response = await t.call('GET', '/v1/events', {
        headers: { [HEADERS.protocol]: String(PROTOCOL_VERSION + 1) },
      });
      expect(response.status).toBe(400);
      expect(errorOf(response.body)).toMatchObject({ code: 'protocol_unsupported' });
      expect(errorOf(response.body).message).toContain('update the server');
    });

    it('a server of the next protocol still accepts the current one, and refuses the one before', async () => {
      const next = await openServerForTest(kind, { protocolVersion: PROTOCOL_VERSION + 1 });
      try {
        const admin = await next.tokenFor('admin');
        for (const version of [PROTOCOL_VERSION, PROTOCOL_VERSION + 1]) {
          const response = await next.call('GET', '/v1/events', {
            token: admin,
            headers: { [HEADERS.protocol]: String(version) },
          });
          expect(response.status, `protocol ${version}`).toBe(200);
        }
        const old = await next.call('GET', '/v1/events', {
          token: admin,
          headers: { [HEADERS.protocol]: String(PROTOCOL_VERSION - 1) },
        });
        expect(old.status).toBe(426);
      } finally {
        await next.close();
      }
    });
  });

  describe('bodies', () => {
    it('refuses malformed JSON with 400', async () => {
      const response = await t.call('POST', '/v1/events', {
        token: await t.tokenFor('admin'),
        rawBody: '{"id":',
      });
      expect(response.status).toBe(400);
      expect(errorOf(response.body).code).toBe('invalid_input');
    });

    it('refuses a body that is not JSON with 415', async () => {
      const response = await t.call('POST', '/v1/events', {
        token: await t.tokenFor('admin'),
        rawBody: 'id=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(415);
      expect(errorOf(response.body).code).toBe('unsupported_media_type');
    });

    it('names the field a body fails on', async () => {
      const response = await t.call('POST', '/v1/events', {
        token: await t.tokenFor('admin'),
        body: { id: 'has spaces', name: 'x' },
      });
      expect(response.status).toBe(400);
      expect(errorOf(response.body)).toMatchObject({ code: 'invalid_input', field: 'id' });
      expect(errorOf(response.body).message).toMatch(/^id: /);
    });

    it('accepts gzip request bodies and gzips large responses when asked', async () => {
      const admin = await t.tokenFor('admin');
      const created = await t.call('POST', '/v1/events', {
        token: admin,
        body: { id: `gz_${kind}`, name: 'Gzipped' },
        gzip: true,
      });
      expect(created.status).toBe(201);
      const raw = await fetch(new URL('openapi.json', t.url), { headers: { 'accept-encoding': 'gzip' } });
      expect(raw.headers.get('content-encoding')).toBe('gzip');
      // fetch decompresses for us; the header shows the bytes on the wire were gzip.
      expect(((await raw.json()) as { openapi: string }).openapi).toBe('3.1.0');
    });

    it('refuses a body over the limit with 413, also when it only grows that big decompressed', async () => {
      const admin = await t.tokenFor('admin');
      const before = await t.count('changes');
      const huge = JSON.stringify({ id: 'huge', name: 'x'.repeat(MAX_BODY_BYTES) });
      const plain = await t.call('POST', '/v1/events', { token: admin, rawBody: huge });
      expect(plain.status).toBe(413);
      expect(errorOf(plain.body).code).toBe('payload_too_large');
      const bomb = gzipSync(huge);
      expect(bomb.length).toBeLessThan(MAX_BODY_BYTES / 100);
      const zipped = await t.call('POST', '/v1/events', {
        token: admin,
        rawBody: bomb,
        headers: { 'content-encoding': 'gzip' },
      });
      expect(zipped.status).toBe(413);
      expect(await t.count('changes')).toBe(before);
    });

    it('refuses a body that says gzip but is not', async () => {
      const response = await t.call('POST', '/v1/events', {
        token: await t.tokenFor('admin'),
        rawBody: '{"id":"a","name":"b"}',
        headers: { 'content-encoding': 'gzip' },
      });
      expect(response.status).toBe(400);
      expect(errorOf(response.body).code).toBe('invalid_input');
    });
  });
});
