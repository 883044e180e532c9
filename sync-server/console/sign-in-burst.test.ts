// Password guesses sent all at once, over real HTTP on SQLite and PostgreSQL: the lock-out must
// count each before its password is checked, or every guess in a burst reads "no failures yet"
// while the slow hash runs, and a burst of any size is checked in full.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { createUser, MAX_FAILURES, WRONG_CREDENTIALS } from './accounts';
import { listAudit } from './audit';
import { consoleDb } from './tables';
import { signInCall } from './testing/signed-in';

const PASSWORD = 'correct horse battery';
const BURST = MAX_FAILURES * 6;

describe.each(DB_KINDS)('sign-in bursts on %s', (kind) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await openServerForTest(kind);
  });
  afterAll(() => t.close());

  const messageOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error.message;
  const sessionCount = async () =>
    (await consoleDb(t.server.db).selectFrom('sessions').select('token_hash').execute()).length;

  it(`checks only ${MAX_FAILURES} of ${BURST} wrong passwords sent at once, then refuses the right one`, async () => {
    await createUser(t.server.db, { username: 'burst', role: 'admin', password: PASSWORD });
    const guesses = Array.from({ length: BURST }, (_, i) => `guess ${i}`);
    const answers = await Promise.all(guesses.map((g) => signInCall(t, 'burst', g)));
    expect(answers.map((r) => r.status)).toEqual(Array<number>(BURST).fill(401));
    const messages = answers.map(messageOf);
    expect(messages.filter((m) => m === WRONG_CREDENTIALS)).toHaveLength(MAX_FAILURES - 1);
    const locked = messages.filter((m) => m !== WRONG_CREDENTIALS);
    expect(locked).toHaveLength(BURST - MAX_FAILURES + 1);
    for (const m of locked) expect(m).toMatch(/^Too many failed sign-ins: this account is locked until /);

    const right = await signInCall(t, 'burst', PASSWORD);
    expect([right.status, messageOf(right)]).toEqual([401, expect.stringMatching(/locked until/)]);
    expect(right.headers.getSetCookie()).toEqual([]);
    expect(await sessionCount()).toBe(0);
    const actions = (await listAudit(t.server.db)).filter((a) => a.actor === 'burst').map((a) => a.action);
    expect(actions.filter((a) => a === 'sign_in')).toEqual([]);
    expect(actions.filter((a) => a === 'sign_in_failed')).toHaveLength(MAX_FAILURES - 1);
  });
});
