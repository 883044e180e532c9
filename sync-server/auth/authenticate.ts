// Who is calling: a kiosk (device token), a person (API token with a role, or a console session
// cookie standing for one), or nobody (public endpoints). Each endpoint names who may call it; a
// missing or unknown token is 401, a revoked one 401 with a code that says so, the wrong kind of
// caller 403.
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/sync/admin-api';
import type { Database } from '../db/schema';
import type { ServerDb } from '../db/server-database';
import { findSession } from '../console/sessions';
import { findDeviceByToken } from '../devices/devices-store';
import { SyncError } from '../sync-error';
import { findApiToken, type ApiTokenInfo } from './api-tokens';
import { API_TOKEN_PREFIX, DEVICE_TOKEN_PREFIX } from './secrets';

export type Access = 'public' | 'device' | readonly Role[];

export type DevicePrincipal = { kind: 'device'; device: Database['devices'] };
export type PersonPrincipal = { kind: 'person'; token: ApiTokenInfo };
export type PublicPrincipal = { kind: 'public' };
export type PrincipalFor<A extends Access> = A extends 'public'
  ? PublicPrincipal
  : A extends 'device'
    ? DevicePrincipal
    : PersonPrincipal;

const BEARER = /^Bearer ([A-Za-z0-9_-]{1,200})$/;

/** The token of `Authorization: Bearer …`, if the request sends one. */
export const bearerToken = (request: FastifyRequest): string | undefined =>
  BEARER.exec(request.headers.authorization ?? '')?.[1];

/** For what both kiosks and people may read: a device token as a kiosk, any other as a person of `roles`. */
export function authenticateDeviceOr(
  s: ServerDb,
  request: FastifyRequest,
  roles: readonly Role[],
): Promise<DevicePrincipal | PersonPrincipal> {
  const token = bearerToken(request);
  return token?.startsWith(DEVICE_TOKEN_PREFIX) === true
    ? authenticate(s, request, 'device')
    : authenticate(s, request, roles);
}

export async function authenticate<A extends Access>(
  s: ServerDb,
  request: FastifyRequest,
  access: A,
): Promise<PrincipalFor<A>> {
  if (access === 'public') return { kind: 'public' } as PrincipalFor<A>;
  const token = bearerToken(request);
  if (token === undefined) {
    // A console user: the session cookie stands for a token with the user's role.
    const session = await findSession(s, request);
    if (session !== undefined) return personOfRole(session.person, access);
    throw new SyncError('unauthenticated', 'Send a token: Authorization: Bearer TOKEN', {
      field: 'authorization',
    });
  }
  if (token.startsWith(DEVICE_TOKEN_PREFIX)) {
    const device = await findDeviceByToken(s.db, token);
    if (device === undefined) {
      throw new SyncError(
        'unauthenticated',
        'This device token is not valid (any more): enrol the kiosk again',
      );
    }
    if (device.revoked_at !== null) {
      throw new SyncError(
        'device_revoked',
        `This kiosk was revoked by the coordinator at ${device.revoked_at}; it can sync again only after a new enrolment`,
      );
    }
    if (access !== 'device') throw new SyncError('forbidden', 'Kiosk tokens can only push and pull');
    return { kind: 'device', device } as PrincipalFor<A>;
  }
  const found = token.startsWith(API_TOKEN_PREFIX) ? await findApiToken(s, token) : undefined;
  if (found === undefined) throw new SyncError('unauthenticated', 'This token is not valid');
  if (found.revokedAt !== null) {
    throw new SyncError('token_revoked', `The API token "${found.name}" was revoked at ${found.revokedAt}`);
  }
  return personOfRole(found, access);
}

function personOfRole<A extends Access>(found: ApiTokenInfo, access: A): PrincipalFor<A> {
  if (access === 'device') throw new SyncError('forbidden', 'Only kiosks (device tokens) push and pull');
  const roles = access as readonly Role[];
  if (!roles.includes(found.role)) {
    throw new SyncError(
      'forbidden',
      `The ${found.role} role may not do this; it needs ${roles.join(' or ')}`,
    );
  }
  return { kind: 'person', token: found } as PrincipalFor<A>;
}
