// Calls to the console API: same origin, the session in an HttpOnly cookie the page never sees,
// and every POST echoing the readable CSRF cookie in the CSRF header.
import type { z } from 'zod';
import { CONSOLE_API, CSRF_COOKIE, CSRF_HEADER } from '../../shared/console/console-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function csrfToken(): string {
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  if (found !== undefined) return found.slice(CSRF_COOKIE.length + 1);
  // Before sign-in there is no session token yet: the page makes one (double submit).
  const token = crypto.randomUUID();
  document.cookie = `${CSRF_COOKIE}=${token}; Path=/; SameSite=Strict`;
  return token;
}

export async function api<S extends z.ZodType>(
  schema: S,
  path: string,
  init: { method?: 'GET' | 'POST'; body?: unknown } = {},
): Promise<z.output<S>> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (method === 'POST') {
    headers[CSRF_HEADER] = csrfToken();
    headers['content-type'] = 'application/json';
  }
  const response = await fetch(`${CONSOLE_API}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? (method === 'POST' ? '{}' : undefined) : JSON.stringify(init.body),
  });
  const json: unknown = await response.json();
  if (!response.ok) {
    const parsed = ErrorBodySchema.safeParse(json);
    throw new ApiError(response.status, parsed.success ? parsed.data.error.message : response.statusText);
  }
  return schema.parse(json);
}

export const exportUrl = (formId: string, options: Record<string, string>): string =>
  `${CONSOLE_API}/exports/${encodeURIComponent(formId)}?${new URLSearchParams(options).toString()}`;
