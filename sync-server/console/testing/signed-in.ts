// Signing in to the console as the page does, for server tests: the CSRF cookie the page makes,
// echoed in the header, then the session cookie and the session's CSRF token on every call.
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../../shared/console/console-api';
import type { Role } from '../../../shared/sync/admin-api';
import type { CallOptions, CallResult, TestServer } from '../../testing/test-server';
import { createUser } from '../accounts';

const PAGE_CSRF = 'test-csrf-token-of-the-page';

export type SignedIn = {
  /** The Cookie header the browser would send from now on. */
  cookie: string;
  csrf: string;
  setCookies: string[];
  /** A call with the session's cookie and, as every page request does, its CSRF header. */
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
};

export function signInCall(
  t: TestServer,
  username: string,
  password: string,
  csrf: string | null = PAGE_CSRF,
) {
  return t.call('POST', '/console/api/session', {
    body: { username, password },
    headers: { cookie: `${CSRF_COOKIE}=${PAGE_CSRF}`, ...(csrf !== null && { [CSRF_HEADER]: csrf }) },
  });
}

/** Signs in; throws with the server's answer if that fails. */
export async function signedIn(t: TestServer, username: string, password: string): Promise<SignedIn> {
  const r = await signInCall(t, username, password);
  if (r.status !== 200) throw new Error(`sign-in as ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  const setCookies = r.headers.getSetCookie();
  const value = (name: string) => setCookies.find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? '';
  const csrf = value(CSRF_COOKIE).slice(CSRF_COOKIE.length + 1);
  const cookie = `${value(SESSION_COOKIE)}; ${value(CSRF_COOKIE)}`;
  return {
    cookie,
    csrf,
    setCookies,
    call: (method, path, options = {}) =>
      t.call(method, path, { ...options, headers: { cookie, [CSRF_HEADER]: csrf, ...options.headers } }),
  };
}

export const TEST_PASSWORD = 'correct horse battery';

/** A console user for each role (named after it, "door-supervisor" for door_supervisor), signed in. */
export async function signedInRoles(
  t: TestServer,
  roles: readonly Role[],
): Promise<(role: Role) => SignedIn> {
  const sessions = new Map<Role, SignedIn>();
  for (const role of roles) {
    const username = role.replace('_', '-');
    await createUser(t.server.db, { username, role, password: TEST_PASSWORD });
    sessions.set(role, await signedIn(t, username, TEST_PASSWORD));
  }
  return (role) => {
    const session = sessions.get(role);
    if (session === undefined) throw new Error(`no ${role} signed in`);
    return session;
  };
}
