// Tokens and roles on SQLite and PostgreSQL: who may call what, and what a refusal says.
import { describe, expect, it } from 'vitest';
import type { Role } from '../shared/sync/admin-api';
import { ErrorBodySchema } from '../shared/sync/protocol';
import { createApiToken, listApiTokens, revokeApiToken } from './auth/api-tokens';
import { serverForBlock } from './testing/block-server';
import { DB_KINDS } from './testing/test-server';

const errorOf = (body: unknown) => ErrorBodySchema.parse(body).error;

describe.each(DB_KINDS)('authentication and roles on %s', (kind) => {
  const f = serverForBlock(kind, ['encuesta-impacto-economico']);

  it('refuses a call without a token, or with an unknown one, with 401', async () => {
    for (const token of [undefined, 'qapi_unknown', 'qdev_unknown', 'something-else']) {
      const response = await f.t.call('GET', '/v1/events', { token });
      expect(response.status, String(token)).toBe(401);
      expect(errorOf(response.body).code).toBe('unauthenticated');
    }
    const malformed = await f.t.call('GET', '/v1/events', { headers: { authorization: 'Basic abc' } });
    expect(malformed.status).toBe(401);
    expect(errorOf(malformed.body)).toMatchObject({ code: 'unauthenticated', field: 'authorization' });
  });

  it('lets each role do its part and refuses the rest with 403 naming the roles needed', async () => {
    // [method, path, body] → roles allowed
    const matrix: [string, string, unknown, Role[]][] = [
      ['GET', '/v1/events', undefined, ['admin', 'coordinator', 'statistician']],
      ['GET', `/v1/events/${f.eventId}/forms`, undefined, ['admin', 'coordinator', 'statistician']],
      ['POST', '/v1/events', 'new-event', ['admin', 'coordinator']],
      ['POST', `/v1/events/${f.eventId}/enrol-codes`, {}, ['admin', 'coordinator']],
      ['GET', '/v1/devices', undefined, ['admin', 'coordinator']],
      ['GET', `/v1/submissions?eventId=${f.eventId}`, undefined, ['admin', 'statistician']],
    ];
    let created = 0;
    for (const [method, path, body, allowed] of matrix) {
      for (const role of ['admin', 'coordinator', 'statistician'] as const) {
        const payload = body === 'new-event' ? { id: `ev_${kind}_${++created}`, name: 'New' } : body;
        const response = await f.t.call(method, path, { token: await f.t.tokenFor(role), body: payload });
        if (allowed.includes(role)) {
          expect(response.status, `${role} ${method} ${path}`).toBeLessThan(300);
        } else {
          expect(response.status, `${role} ${method} ${path}`).toBe(403);
          expect(errorOf(response.body)).toMatchObject({ code: 'forbidden' });
          expect(errorOf(response.body).message).toContain(`The ${role} role may not do this`);
        }
      }
    }
  });

  it('keeps kiosks and people apart: device tokens only sync, API tokens never do', async () => {
    const device = await f.t.enrol(f.eventId);
    const asKiosk = await f.t.call('GET', '/v1/events', { token: device.token });
    expect(asKiosk.status).toBe(403);
    expect(errorOf(asKiosk.body).message).toBe('Kiosk tokens can only push and pull');
    const asAdmin = await f.t.call('GET', '/v1/sync/pull', { token: await f.t.tokenFor('admin') });
    expect(asAdmin.status).toBe(403);
    expect(errorOf(asAdmin.body).message).toBe('Only kiosks (device tokens) push and pull');
  });

  it('refuses a revoked API token with 401 token_revoked, from the next call on', async () => {
    const created = await createApiToken(f.t.server.db, { role: 'coordinator', name: 'Laura' });
    expect((await f.t.call('GET', '/v1/events', { token: created.token })).status).toBe(200);
    await revokeApiToken(f.t.server.db, created.id);
    const response = await f.t.call('GET', '/v1/events', { token: created.token });
    expect(response.status).toBe(401);
    expect(errorOf(response.body)).toMatchObject({ code: 'token_revoked' });
    expect(errorOf(response.body).message).toContain('"Laura" was revoked');
  });

  it('stores only hashes of tokens', async () => {
    const created = await createApiToken(f.t.server.db, { role: 'admin', name: 'hash check' });
    const rows = await f.t.server.db.db.selectFrom('api_tokens').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(created.token);
    expect(rows.find((r) => r.id === created.id)?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await listApiTokens(f.t.server.db)).map((r) => r.id)).toContain(created.id);
  });

  it('refuses unknown roles and empty names when creating tokens', async () => {
    await expect(createApiToken(f.t.server.db, { role: 'root' as Role, name: 'x' })).rejects.toMatchObject({
      code: 'invalid_input',
      extra: { field: 'role' },
    });
    await expect(createApiToken(f.t.server.db, { role: 'admin', name: '  ' })).rejects.toMatchObject({
      code: 'invalid_input',
      extra: { field: 'name' },
    });
  });
});
