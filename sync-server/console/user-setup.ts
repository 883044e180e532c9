// Console accounts as people change them — from the console's users page or with `quiosco admin
// user …` — each change made and audited in one call and one transaction (never the password).
import type { Role } from '../../shared/sync/admin-api';
import { inOneTransaction, type ServerDb } from '../db/server-database';
import { disableUser, insertUser, newUserRow, type UserInfo } from './accounts';
import { audit } from './audit';

export async function addConsoleUser(
  s: ServerDb,
  input: { username: string; role: Role; password: string },
  actor: string,
  now = new Date(),
): Promise<UserInfo> {
  // The password is hashed (~100 ms of scrypt) before the transaction, not holding it open.
  const row = await newUserRow(input, now);
  return inOneTransaction(s, async (t) => {
    const user = await insertUser(t, row);
    await audit(
      t,
      { actor, action: 'user_created', detail: { username: user.username, role: user.role } },
      now,
    );
    return user;
  });
}

/** Disables an account at once: its sessions end. */
export async function disableConsoleUser(
  s: ServerDb,
  username: string,
  actor: string,
  now = new Date(),
): Promise<UserInfo> {
  return inOneTransaction(s, async (t) => {
    const user = await disableUser(t, username, now);
    await audit(t, { actor, action: 'user_disabled', detail: { username: user.username } }, now);
    return user;
  });
}
