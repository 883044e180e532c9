// What the console's sign-in and session check answer, over real HTTP on SQLite and PostgreSQL:
// each refusal by its own code (the console says it in its words; the English stays for the CLI),
// the lock-out with when to try again, and "not signed in" as a 200 answer, not a 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionStateSchema } from '../../shared/console/console-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { createUser, MAX_FAILURES, WRONG_CREDENTIALS } from './accounts';
import { consoleDb } from './tables';
import { signedIn, signInCall, TEST_PASSWORD } from './testing/signed-in';

describe.each(DB_KINDS)('sign-in answers on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    await createUser(t.server.db, { username: 'ana', role: 'admin', password: TEST_PASSWORD });
    await createUser(t.server.db, { username: 'beto', role: 'coordinator', password: TEST_PASSWORD });
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const sessionCount = async () =>
    (await consoleDb(t.server.db).selectFrom('sessions').select('token_hash').execute()).length;

  it('refuses a wrong password and an unknown name alike, with the code wrong_credentials', async () => {
    for (const [name, password] of [
      ['ana', 'not the password'],
      ['nadie', TEST_PASSWORD],
    ] as const) {
      const r = await signInCall(t, name, password);
      expect([r.status, errorOf(r)]).toEqual([
        401,
        { code: 'wrong_credentials', message: WRONG_CREDENTIALS },
      ]);
      expect(r.headers.getSetCookie()).toEqual([]);
    }
    expect(await sessionCount()).toBe(0);
  });

  it('refuses a locked account with the code locked_out and the time it takes sign-ins again', async () => {
    for (let i = 1; i < MAX_FAILURES; i++) await signInCall(t, 'beto', `wrong ${i}`);
    const locking = await signInCall(t, 'beto', 'wrong again');
    const right = await signInCall(t, 'beto', TEST_PASSWORD);
    const row = await consoleDb(t.server.db)
      .selectFrom('users')
      .select('locked_until')
      .where('username', '=', 'beto')
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    for (const r of [locking, right]) {
      expect([r.status, errorOf(r)]).toEqual([
        401,
        {
          code: 'locked_out',
          message: `Too many failed sign-ins: this account is locked until ${row.locked_until}`,
          retryAt: row.locked_until,
        },
      ]);
    }
    expect(await sessionCount()).toBe(0);
  });

  it('answers the session check with signedIn false, 200, to a visitor not signed in', async () => {
    const r = await t.call('GET', '/console/api/session');
    expect(r.status).toBe(200);
    expect(SessionStateSchema.parse(r.body)).toEqual({ signedIn: false, serverTime: expect.any(String) });
    expect(r.body).not.toHaveProperty('user');
  });

  it('answers signedIn true with the user once signed in, and false again after signing out', async () => {
    const ana = await signedIn(t, 'ana', TEST_PASSWORD);
    const me = await ana.call('GET', '/console/api/session');
    expect([me.status, SessionStateSchema.parse(me.body)]).toMatchObject([
      200,
      { signedIn: true, user: { username: 'ana', role: 'admin' } },
    ]);
    expect((await ana.call('POST', '/console/api/session/end')).status).toBe(200);
    const after = await ana.call('GET', '/console/api/session');
    expect([after.status, after.body]).toMatchObject([200, { signedIn: false }]);
  });

  it('keeps every other console route a 401 without a session', async () => {
    for (const path of ['/console/api/events', '/console/api/users', '/console/api/audit']) {
      const r = await t.call('GET', path);
      expect([path, r.status, errorOf(r).code]).toEqual([path, 401, 'unauthenticated']);
    }
    const out = await t.call('POST', '/console/api/session/end');
    expect([out.status, errorOf(out).code]).toEqual([401, 'unauthenticated']);
  });
});
