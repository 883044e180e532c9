// Named console accounts with one role each (created with `quiosco admin user add`), and signing
// in with lock-out: after MAX_FAILURES wrong passwords in a row the account refuses every sign-in,
// even a right one, for LOCK_MINUTES.
import { sql } from 'kysely';
import { PasswordSchema, UsernameSchema, type ConsoleUser } from '../../shared/console/console-api';
import { RoleSchema, type Role } from '../../shared/sync/admin-api';
import type { ServerDb } from '../db/server-database';
import { newId } from '../auth/secrets';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { audit } from './audit';
import type { HashGate } from './hash-gate';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords';
import { consoleDb, type ConsoleTables } from './tables';

export const MAX_FAILURES = 5;
export const LOCK_MINUTES = 15;
export const WRONG_CREDENTIALS = 'Wrong user name or password';

export type UserInfo = ConsoleUser & {
  createdAt: string;
  disabledAt: string | null;
  lockedUntil: string | null;
};

export async function createUser(
  s: ServerDb,
  input: { username: string; role: Role; password: string },
  now = new Date(),
): Promise<UserInfo> {
  return insertUser(s, await newUserRow(input, now));
}

export type NewUserRow = ConsoleTables['users'];

/**
 * A new account's row, checked, with its password hashed: scrypt's ~100 ms run before any
 * transaction (insertUser's), so that no write lock is held meanwhile.
 */
export async function newUserRow(
  input: { username: string; role: Role; password: string },
  now = new Date(),
): Promise<NewUserRow> {
  const username = parseOrThrow(UsernameSchema, input.username, 'username');
  const role = parseOrThrow(RoleSchema, input.role, 'role');
  const password = parseOrThrow(PasswordSchema, input.password, 'password');
  return {
    id: newId('usr'),
    username,
    role,
    password_hash: await hashPassword(password),
    created_at: now.toISOString(),
    disabled_at: null,
    failed_sign_ins: 0,
    locked_until: null,
  };
}

/** Stores an account newUserRow made; a name taken already is refused. */
export async function insertUser(s: ServerDb, row: NewUserRow): Promise<UserInfo> {
  const db = consoleDb(s);
  const taken = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', row.username)
    .executeTakeFirst();
  if (taken !== undefined) throw new SyncError('conflict', `There is a user named ${row.username} already`);
  await db.insertInto('users').values(row).execute();
  return toInfo(row);
}

export async function listUsers(s: ServerDb): Promise<UserInfo[]> {
  const rows = await consoleDb(s).selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toInfo);
}

/** Disabling ends the user's sessions at once; it cannot be undone (create another user). */
export async function disableUser(s: ServerDb, username: string, now = new Date()): Promise<UserInfo> {
  const db = consoleDb(s);
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  if (row === undefined) throw new SyncError('not_found', `No user named ${username}`);
  await s.transaction(async (trx) => {
    const t = trx.withTables<ConsoleTables>();
    await t
      .updateTable('users')
      .set({ disabled_at: now.toISOString() })
      .where('id', '=', row.id)
      .where('disabled_at', 'is', null)
      .execute();
    await t.deleteFrom('sessions').where('user_id', '=', row.id).execute();
  });
  return toInfo({ ...row, disabled_at: row.disabled_at ?? now.toISOString() });
}

/** The actor of a failed sign-in whose name matches no account. */
export const UNKNOWN_ACTOR = '(unknown)';

/** The lock-out's words for the CLI and API; the console says it in its own words by the code. */
export const lockedUntil = (until: string) =>
  `Too many failed sign-ins: this account is locked until ${until}`;

/**
 * The user, if the password is right and the account may sign in; every outcome is audited.
 * `hashes` bounds the password hashes run at once (the server's routes pass theirs).
 */
export async function signIn(
  s: ServerDb,
  input: { username: string; password: string },
  now = new Date(),
  hashes?: HashGate,
): Promise<ConsoleUser> {
  const db = consoleDb(s);
  const username = input.username.trim().toLowerCase();
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  const refuse = async (action: 'sign_in_failed' | 'locked_out', until?: string): Promise<never> => {
    // What was typed as the name is kept only when it names an account: otherwise it may be a
    // password typed into the wrong field, and admins read the log on a page.
    const entry =
      row === undefined
        ? { actor: UNKNOWN_ACTOR, action, detail: { reason: 'unknown_user' } }
        : { actor: row.username, action };
    await audit(s, entry, now);
    if (until === undefined) throw new SyncError('wrong_credentials', WRONG_CREDENTIALS);
    throw new SyncError('locked_out', lockedUntil(until), { retryAt: until });
  };
  // Known and unknown names pass the same gate, so a refusal for load does not tell which exist.
  const verify = (password: string, hash: string) =>
    hashes === undefined ? verifyPassword(password, hash) : hashes.run(() => verifyPassword(password, hash));
  if (row === undefined || row.disabled_at !== null) {
    // As slow as a wrong password, so the answer's time does not tell which names exist.
    await verify(input.password, row?.password_hash ?? (await DECOY_HASH));
    return refuse('sign_in_failed');
  }
  const attempt = await countAttempt(s, row.id, now);
  if (attempt === undefined) {
    const current = await db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', row.id)
      .executeTakeFirst();
    return refuse('locked_out', current?.locked_until ?? row.locked_until ?? now.toISOString());
  }
  if (!(await verify(input.password, row.password_hash))) {
    if (attempt.lockedUntil !== null) return refuse('locked_out', attempt.lockedUntil);
    return refuse('sign_in_failed');
  }
  await db
    .updateTable('users')
    .set({ failed_sign_ins: 0, locked_until: null })
    .where('id', '=', row.id)
    .execute();
  await audit(s, { actor: row.username, action: 'sign_in', detail: { role: row.role } }, now);
  return { id: row.id, username: row.username, role: row.role };
}

/**
 * Counts a sign-in attempt as failed before its password is checked, in one statement, so that
 * attempts sent at once cannot all read "no failures yet" while the slow hash runs; a right
 * password then sets the count back to 0. The MAX_FAILURES-th attempt locks the account, as its
 * own wrong password would have. Undefined when the account is locked.
 */
async function countAttempt(
  s: ServerDb,
  userId: string,
  now: Date,
): Promise<{ lockedUntil: string | null } | undefined> {
  const lock = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const reaches = sql<boolean>`failed_sign_ins + 1 >= ${sql.lit(MAX_FAILURES)}`;
  const row = await consoleDb(s)
    .updateTable('users')
    .set({
      failed_sign_ins: sql<number>`CASE WHEN ${reaches} THEN 0 ELSE failed_sign_ins + 1 END`,
      locked_until: sql<string | null>`CASE WHEN ${reaches} THEN ${lock} ELSE NULL END`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now.toISOString())]))
    .returning('locked_until')
    .executeTakeFirst();
  return row === undefined ? undefined : { lockedUntil: row.locked_until };
}

function toInfo(row: {
  id: string;
  username: string;
  role: Role;
  created_at: string;
  disabled_at: string | null;
  locked_until: string | null;
}): UserInfo {
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
    lockedUntil: row.locked_until,
  };
}
