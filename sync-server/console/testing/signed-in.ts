// Signing in to the console as the page does, for server tests: the CSRF cookie the page makes,
// echoed in the header, then the session cookie and the session's CSRF token on every call.
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../../shared/console/console-api';
import type { CallOptions, CallResult, TestServer } from '../../testing/test-server';

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
