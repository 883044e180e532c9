// The console's users page over real HTTP on SQLite and PostgreSQL: an admin gives a door
// supervisor an account, who then signs in; bad input and a taken name refused with nothing
// written; disabling ends the sessions, not one's own; admins only; audited without passwords.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_REFUSAL } from '../../shared/console/console-api';
import { UserListResponseSchema, UserResponseSchema } from '../../shared/console/setup-api';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { listAudit } from './audit';
import { signedIn, signedInRoles, type SignedIn } from './testing/signed-in';

const NEW_PASSWORD = 'la puerta norte 2027';

describe.each(DB_KINDS)('console users on %s', (kind) => {
  let t: TestServer;
  let as: (role: Role) => SignedIn;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    as = await signedInRoles(t, ['admin', 'coordinator']);
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const usernames = async () =>
    UserListResponseSchema.parse((await as('admin').call('GET', '/console/api/users')).body).users.map(
      (u) => u.username,
    );

  it('gives a door supervisor an account, who signs in with it; audited without the password', async () => {
    const r = await as('admin').call('POST', '/console/api/users', {
      body: { username: 'puerta-norte', role: 'door_supervisor', password: NEW_PASSWORD },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(UserResponseSchema.parse(r.body).user).toMatchObject({
      username: 'puerta-norte',
      role: 'door_supervisor',
      disabledAt: null,
    });
    const door = await signedIn(t, 'puerta-norte', NEW_PASSWORD);
    const me = await door.call('GET', '/console/api/session');
    expect(me.body).toMatchObject({ user: { username: 'puerta-norte', role: 'door_supervisor' } });
    const entry = (await listAudit(t.server.db)).find((a) => a.action === 'user_created');
    expect(entry).toMatchObject({
      actor: 'admin',
      detail: { username: 'puerta-norte', role: 'door_supervisor' },
    });
    expect(JSON.stringify(await listAudit(t.server.db))).not.toContain(NEW_PASSWORD);
  });

  it('refuses a bad name, an unknown role, a short password and a taken name, writing nothing', async () => {
    const before = await usernames();
    const cases: [Record<string, unknown>, number, string][] = [
      [
        { username: 'Ana García', role: 'coordinator', password: NEW_PASSWORD },
        400,
        'username: a user name: 2 to 40 lowercase letters, digits and . _ -',
      ],
      [
        { username: 'ana', role: 'doorman', password: NEW_PASSWORD },
        400,
        'role: Invalid option: expected one of "admin"|"coordinator"|"statistician"|"door_supervisor"',
      ],
      [{ username: 'ana', role: 'coordinator', password: 'corta' }, 400, 'password: at least 10 characters'],
      [
        { username: 'puerta-norte', role: 'coordinator', password: NEW_PASSWORD },
        409,
        'There is a user named puerta-norte already',
      ],
    ];
    for (const [body, status, message] of cases) {
      const r = await as('admin').call('POST', '/console/api/users', { body });
      expect([r.status, errorOf(r).message]).toEqual([status, message]);
    }
    expect(await usernames()).toEqual(before);
  });

  it('disables an account (its sessions end at once), never one’s own', async () => {
    const door = await signedIn(t, 'puerta-norte', NEW_PASSWORD);
    const r = await as('admin').call('POST', '/console/api/users/puerta-norte/disable');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(UserResponseSchema.parse(r.body).user.disabledAt).not.toBeNull();
    expect((await door.call('GET', '/console/api/session')).body).toMatchObject({ signedIn: false });
    expect((await door.call('GET', '/console/api/events')).status).toBe(401);
    const self = await as('admin').call('POST', '/console/api/users/admin/disable');
    expect([self.status, errorOf(self).message]).toEqual([409, 'You cannot disable your own account']);
    const unknown = await as('admin').call('POST', '/console/api/users/nadie/disable');
    expect([unknown.status, errorOf(unknown).message]).toEqual([404, 'No user named nadie']);
    expect((await listAudit(t.server.db))[0]).toMatchObject({
      action: 'user_disabled',
      detail: { username: 'puerta-norte' },
    });
  });

  it('is for admins only, and checks CSRF', async () => {
    const before = await usernames();
    for (const [method, path] of [
      ['GET', '/console/api/users'],
      ['POST', '/console/api/users'],
      ['POST', '/console/api/users/admin/disable'],
    ] as const) {
      const body = { username: 'colado', role: 'admin', password: NEW_PASSWORD };
      const r = await as('coordinator').call(method, path, method === 'POST' ? { body } : {});
      expect([path, r.status, errorOf(r).message]).toEqual([
        path,
        403,
        'The coordinator role may not do this; it needs admin',
      ]);
    }
    const forged = await as('admin').call('POST', '/console/api/users', {
      body: { username: 'sin-csrf', role: 'admin', password: NEW_PASSWORD },
      headers: { [CSRF_HEADER]: undefined },
    });
    expect([forged.status, errorOf(forged).message]).toEqual([403, CSRF_REFUSAL]);
    expect(await usernames()).toEqual(before);
  });
});
