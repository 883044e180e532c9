// Cookies and CSRF headers no browser would send, over real HTTP on SQLite and PostgreSQL: each is
// refused as a missing sign-in or a failed CSRF check (4xx, the usual words), never a 500 whose
// stack goes to the log at an anonymous caller's will, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_COOKIE, CSRF_HEADER, CSRF_REFUSAL, SESSION_COOKIE } from '../../shared/console/console-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { createUser } from './accounts';
import { listAudit } from './audit';
import { consoleDb } from './tables';

const PASSWORD = 'correct horse battery';

describe.each(DB_KINDS)('hostile cookies on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    await createUser(t.server.db, { username: 'ana', role: 'admin', password: PASSWORD });
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const written = async () => ({
    sessions: (await consoleDb(t.server.db).selectFrom('sessions').select('token_hash').execute()).length,
    audit: (await listAudit(t.server.db)).length,
  });

  it('reads a cookie that is not valid percent-encoding as no cookie: 401, not 500', async () => {
    for (const cookie of [
      `${SESSION_COOKIE}=%E0%A4%A`,
      `${SESSION_COOKIE}=%`,
      `x=%zz; ${SESSION_COOKIE}=%ff`,
    ]) {
      // The session check answers signedIn false to anyone without a session; a route that needs one 401s.
      const check = await t.call('GET', '/console/api/session', { headers: { cookie } });
      expect([check.status, check.body]).toMatchObject([200, { signedIn: false }]);
      const r = await t.call('GET', '/console/api/events', { headers: { cookie } });
      expect([r.status, errorOf(r)]).toEqual([
        401,
        {
          code: 'unauthenticated',
          message: 'Send a token: Authorization: Bearer TOKEN',
          field: 'authorization',
        },
      ]);
    }
  });

  it('refuses a sign-in whose CSRF cookie cannot be decoded, or whose header matches it only in length', async () => {
    const before = await written();
    const attempts: Record<string, string>[] = [
      { cookie: `${CSRF_COOKIE}=%zz`, [CSRF_HEADER]: '%zz' },
      // One character each, two bytes against one in UTF-8.
      { cookie: `${CSRF_COOKIE}=a`, [CSRF_HEADER]: '\u00e9' },
      { cookie: `${CSRF_COOKIE}=%C3%A9`, [CSRF_HEADER]: 'a' },
    ];
    for (const headers of attempts) {
      const r = await t.call('POST', '/console/api/session', {
        body: { username: 'ana', password: PASSWORD },
        headers,
      });
      expect([r.status, errorOf(r)]).toEqual([
        403,
        { code: 'forbidden', message: CSRF_REFUSAL, field: CSRF_HEADER },
      ]);
      expect(r.headers.getSetCookie()).toEqual([]);
    }
    expect(await written()).toEqual(before);
  });
});
