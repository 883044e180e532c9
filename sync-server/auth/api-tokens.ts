// People's API tokens: created and revoked with `quiosco admin token …`, each with one role.
import { z } from 'zod';
import { ApiTokenRoleSchema, type Role } from '../../shared/sync/admin-api';
import type { ServerDb } from '../db/server-database';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { API_TOKEN_PREFIX, newId, newToken, sha256 } from './secrets';

export const TokenNameSchema = z.string().trim().min(1).max(80);

export type ApiTokenInfo = {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
};

/** Returns the token itself, which is never stored: show it once. */
export async function createApiToken(
  s: ServerDb,
  input: { role: Role; name: string },
  now = new Date(),
): Promise<ApiTokenInfo & { token: string }> {
  const role = parseOrThrow(ApiTokenRoleSchema, input.role, 'role');
  const name = parseOrThrow(TokenNameSchema, input.name, 'name');
  const token = newToken(API_TOKEN_PREFIX);
  const info = { id: newId('tok'), name, role, createdAt: now.toISOString(), revokedAt: null };
  await s.db
    .insertInto('api_tokens')
    .values({
      id: info.id,
      name,
      role,
      token_hash: sha256(token),
      created_at: info.createdAt,
      revoked_at: null,
    })
    .execute();
  return { ...info, token };
}

/** Revoking twice is harmless; the first revocation time stays. */
export async function revokeApiToken(s: ServerDb, id: string, now = new Date()): Promise<ApiTokenInfo> {
  await s.db
    .updateTable('api_tokens')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  const row = await s.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) throw new SyncError('not_found', `no API token with id ${id}`);
  return toInfo(row);
}

export async function listApiTokens(s: ServerDb): Promise<ApiTokenInfo[]> {
  const rows = await s.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toInfo);
}

export async function findApiToken(s: ServerDb, token: string): Promise<ApiTokenInfo | undefined> {
  const row = await s.db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  return row === undefined ? undefined : toInfo(row);
}

function toInfo(row: {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  revoked_at: string | null;
}): ApiTokenInfo {
  return { id: row.id, name: row.name, role: row.role, createdAt: row.created_at, revokedAt: row.revoked_at };
}
