// Console accounts as people change them — from the console's users page or with `quiosco admin
// user …` — each change made and audited in one call (never the password).
import type { Role } from '../../shared/sync/admin-api';
import type { ServerDb } from '../db/server-database';
import { createUser, disableUser, type UserInfo } from './accounts';
import { audit } from './audit';

export async function addConsoleUser(
  s: ServerDb,
  input: { username: string; role: Role; password: string },
  actor: string,
  now = new Date(),
): Promise<UserInfo> {
  const user = await createUser(s, input, now);
  const detail = { username: user.username, role: user.role };
  await audit(s, { actor, action: 'user_created', detail }, now);
  return user;
}

/** Disables an account at once: its sessions end. */
export async function disableConsoleUser(
  s: ServerDb,
  username: string,
  actor: string,
  now = new Date(),
): Promise<UserInfo> {
  const user = await disableUser(s, username, now);
  await audit(s, { actor, action: 'user_disabled', detail: { username: user.username } }, now);
  return user;
}
