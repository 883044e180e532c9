// What a failed sign-in leaves in the audit log, over real HTTP on SQLite and PostgreSQL: the typed
// name only when it names an account, since text typed as a name may be a password typed into the
// wrong field, and admins read the log on a page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { createUser, MAX_FAILURES, UNKNOWN_ACTOR } from './accounts';
import { consoleDb } from './tables';
import { signInCall } from './testing/signed-in';

const PASSWORD = 'correct horse battery';
/** A password typed into the name field: mixed case, so the server's lower-casing is covered too. */
const TYPED_PASSWORD = 'Xq7!Pelican-Tortilla';

describe.each(DB_KINDS)('failed sign-ins in the audit log on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    await createUser(t.server.db, { username: 'marta', role: 'coordinator', password: PASSWORD });
  });
  afterAll(() => t.close());

  /** The entries after the first `since`, oldest first, as whole rows (every column). */
  const wholeRowsAfter = async (since: number) =>
    (
      await consoleDb(t.server.db).selectFrom('audit_log').selectAll().orderBy('at').orderBy('id').execute()
    ).slice(since);
  const rowsAfter = async (since: number) =>
    (await wholeRowsAfter(since)).map(({ actor, action, detail }) => ({ actor, action, detail }));
  const entryCount = async () => (await wholeRowsAfter(0)).length;

  it('records an unknown name as a placeholder, never the text typed', async () => {
    const since = await entryCount();
    const r = await signInCall(t, TYPED_PASSWORD, PASSWORD);
    expect(r.status).toBe(401);
    const written = await wholeRowsAfter(since);
    expect(written).toHaveLength(1);
    expect(JSON.stringify(written).toLowerCase()).not.toContain(TYPED_PASSWORD.toLowerCase());
    expect(await rowsAfter(since)).toEqual([
      { actor: UNKNOWN_ACTOR, action: 'sign_in_failed', detail: '{"reason":"unknown_user"}' },
    ]);
  });

  it("keeps an existing account's name on a wrong password and on the lock-out it leads to", async () => {
    const since = await entryCount();
    for (let i = 0; i < MAX_FAILURES; i++) expect((await signInCall(t, ' Marta ', 'wrong')).status).toBe(401);
    expect(await rowsAfter(since)).toEqual([
      ...Array.from({ length: MAX_FAILURES - 1 }, () => ({
        actor: 'marta',
        action: 'sign_in_failed',
        detail: '{}',
      })),
      { actor: 'marta', action: 'locked_out', detail: '{}' },
    ]);
  });
});
