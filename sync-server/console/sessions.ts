// Console sessions: a random token in an HttpOnly SameSite=Strict cookie (the database keeps its
// sha256), and a CSRF token bound to the session that every state-changing request echoes in a
// header (double submit: a page on another origin can neither read the cookie nor set the header).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  CSRF_COOKIE,
  CSRF_HEADER,
  CSRF_REFUSAL,
  SESSION_COOKIE,
  type ConsoleUser,
} from '../../shared/console/console-api';
import type { ApiTokenInfo } from '../auth/api-tokens';
import type { ServerDb } from '../db/server-database';
import { sha256 } from '../auth/secrets';
import { SyncError } from '../sync-error';
import { consoleDb } from './tables';

export const SESSION_HOURS = 12;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `person`: the user as the API token role rules see them (authenticate.ts). */
export type Session = { user: ConsoleUser; person: ApiTokenInfo };

/**
 * Cookies of the request by name (the first of each name wins). A value that is not valid
 * percent-encoding is none of ours (we set only base64url), so it reads as no cookie, not a 500.
 */
export function readCookies(request: FastifyRequest): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (cookies.has(name)) continue;
    const value = decoded(part.slice(at + 1).trim());
    if (value !== undefined) cookies.set(name, value);
  }
  return cookies;
}

function decoded(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Equal strings, in time that does not depend on where they differ; byte lengths first, as timingSafeEqual needs. */
function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(
  request: FastifyRequest,
  name: string,
  value: string,
  maxAge: number,
  httpOnly: boolean,
): string {
  // Secure only over HTTPS: on a venue LAN the server is often plain http://10.x.x.x.
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Strict${httpOnly ? '; HttpOnly' : ''}${secure}`;
}

/** Sets both cookies; the CSRF cookie is readable by the page, which echoes it in CSRF_HEADER. */
export async function startSession(
  s: ServerDb,
  request: FastifyRequest,
  reply: FastifyReply,
  user: ConsoleUser,
  now = new Date(),
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expires = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await consoleDb(s)
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      expires_at: expires.toISOString(),
    })
    .execute();
  const maxAge = SESSION_HOURS * 3600;
  reply.header('set-cookie', [
    cookie(request, SESSION_COOKIE, token, maxAge, true),
    cookie(request, CSRF_COOKIE, csrfToken, maxAge, false),
  ]);
}

export async function endSession(s: ServerDb, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = readCookies(request).get(SESSION_COOKIE);
  if (token !== undefined)
    await consoleDb(s).deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
  reply.header('set-cookie', [
    cookie(request, SESSION_COOKIE, '', 0, true),
    cookie(request, CSRF_COOKIE, '', 0, false),
  ]);
}

/**
 * The session the request's cookie names, undefined without a cookie. A state-changing request
 * must also carry the session's CSRF token in CSRF_HEADER, or it is refused with CSRF_REFUSAL.
 */
export async function findSession(
  s: ServerDb,
  request: FastifyRequest,
  now = new Date(),
): Promise<Session | undefined> {
  const token = readCookies(request).get(SESSION_COOKIE);
  if (token === undefined || token === '') return undefined;
  const row = await consoleDb(s)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.role',
      'users.disabled_at',
      'users.created_at',
      'sessions.csrf_token',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (row === undefined || row.disabled_at !== null || row.expires_at <= now.toISOString()) {
    throw new SyncError('unauthenticated', 'Your session has ended: sign in again');
  }
  if (!SAFE_METHODS.has(request.method)) checkCsrf(request, row.csrf_token);
  const user = { id: row.id, username: row.username, role: row.role };
  return {
    user,
    person: { id: row.id, name: row.username, role: row.role, createdAt: row.created_at, revokedAt: null },
  };
}

/** Double submit: the header must equal the CSRF cookie and, once signed in, the session's token. */
export function checkCsrf(request: FastifyRequest, expected?: string): void {
  const header = request.headers[CSRF_HEADER];
  const fromCookie = readCookies(request).get(CSRF_COOKIE);
  const ok =
    typeof header === 'string' &&
    header !== '' &&
    fromCookie !== undefined &&
    sameSecret(header, fromCookie) &&
    (expected === undefined || sameSecret(header, expected));
  if (!ok) throw new SyncError('forbidden', CSRF_REFUSAL, { field: CSRF_HEADER });
}
