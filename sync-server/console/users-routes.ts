// The console's users page (admins): every account with its role and state, giving someone an
// account with one role (door supervisors among them), and disabling one at once (its sessions
// end). The same rules as `quiosco admin user …`; both changes audited, never the password.
import type { FastifyInstance } from 'fastify';
import { CONSOLE_API } from '../../shared/console/console-api';
import {
  CreateUserRequestSchema,
  UserListResponseSchema,
  UserParamsSchema,
  UserResponseSchema,
} from '../../shared/console/setup-api';
import { addRoute, type RouteContext } from '../http/route';
import { ACCOUNT_ADMINS } from '../routes/roles';
import { SyncError } from '../sync-error';
import { listUsers } from './accounts';
import { addConsoleUser, disableConsoleUser } from './user-setup';

export function usersRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const { s } = ctx;
  addRoute(app, ctx, {
    method: 'GET',
    url: `${CONSOLE_API}/users`,
    summary: "The console's accounts with their roles, disabled and locked ones included",
    tag: 'console',
    access: ACCOUNT_ADMINS,
    response: UserListResponseSchema,
    handler: async () => ({ users: await listUsers(s) }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/users`,
    summary: 'Give someone a console account with one role',
    tag: 'console',
    access: ACCOUNT_ADMINS,
    status: 201,
    body: CreateUserRequestSchema,
    response: UserResponseSchema,
    handler: async ({ body, principal, now }) => ({
      user: await addConsoleUser(s, body, principal.token.name, now),
    }),
  });

  addRoute(app, ctx, {
    method: 'POST',
    url: `${CONSOLE_API}/users/:username/disable`,
    summary: 'Disable an account at once: its sessions end',
    tag: 'console',
    access: ACCOUNT_ADMINS,
    params: UserParamsSchema,
    response: UserResponseSchema,
    handler: async ({ params, principal, now }) => {
      // The last admin locking themselves out would leave only the CLI to undo it.
      if (params.username === principal.token.name) {
        throw new SyncError('conflict', 'You cannot disable your own account', { field: 'username' });
      }
      return { user: await disableConsoleUser(s, params.username, principal.token.name, now) };
    },
  });
}
