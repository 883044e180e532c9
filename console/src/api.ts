// Calls to the console API: same origin, the session in an HttpOnly cookie the page never sees,
// and every POST echoing the readable CSRF cookie in the CSRF header.
import type { z } from 'zod';
import { CONSOLE_API, CSRF_COOKIE, CSRF_HEADER } from '../../shared/console/console-api';
import {
  ErrorBodySchema,
  HEADERS,
  PROTOCOL_VERSION,
  type ErrorBody,
  type RowError,
} from '../../shared/sync/protocol';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The error as the server sent it, when it sent one: its code lets a page say it in its own words. */
    readonly body?: ErrorBody['error'],
  ) {
    super(message);
  }

  /** A refused file (a ticket import): every bad row, by line. */
  get rows(): readonly RowError[] {
    return this.body?.rows ?? [];
  }
}

/** How long a read waits for the server (a suspended laptop, Wi-Fi lost mid-answer) before giving up. */
export const READ_TIMEOUT_MS = 15_000;

/** A read the server did not answer within `ms`. */
export class NoAnswerError extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${ms} ms`);
  }
}

export function csrfToken(): string {
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
  /** v1: a path of the people's API under /v1 (the session stands for a token there too). */
  init: {
    method?: 'GET' | 'POST' | 'PUT';
    body?: unknown;
    v1?: boolean;
    /** Ends the request; a read given none is bounded by `timeoutMs` instead. */
    signal?: AbortSignal;
    timeoutMs?: number;
  } = {},
): Promise<z.output<S>> {
  const method = init.method ?? 'GET';
  // Every read ends: without a bound, a request that never answers leaves its page waiting for good.
  // Writes are not bounded (an upload over a slow LAN may take long); the person sees them pending.
  const timeoutMs = init.timeoutMs ?? READ_TIMEOUT_MS;
  const bound = method === 'GET' && init.signal === undefined ? AbortSignal.timeout(timeoutMs) : undefined;
  try {
    return await call(
      schema,
      init.v1 === true ? path : `${CONSOLE_API}${path}`,
      method,
      init,
      init.signal ?? bound,
    );
  } catch (e) {
    if (bound?.aborted === true) throw new NoAnswerError(timeoutMs);
    throw e;
  }
}

async function call<S extends z.ZodType>(
  schema: S,
  url: string,
  method: 'GET' | 'POST' | 'PUT',
  init: { body?: unknown; v1?: boolean },
  signal: AbortSignal | undefined,
): Promise<z.output<S>> {
  const headers: Record<string, string> = {};
  if (method !== 'GET') {
    headers[CSRF_HEADER] = csrfToken();
    headers['content-type'] = 'application/json';
  }
  if (init.v1 === true) {
    headers[HEADERS.protocol] = String(PROTOCOL_VERSION);
    headers[HEADERS.app] = 'quiosco-console/1';
  }
  const response = await fetch(url, {
    method,
    signal,
    headers,
    credentials: 'same-origin',
    body: init.body === undefined ? (method === 'GET' ? undefined : '{}') : JSON.stringify(init.body),
  });
  const json: unknown = await response.json();
  if (!response.ok) {
    const parsed = ErrorBodySchema.safeParse(json);
    const error = parsed.success ? parsed.data.error : undefined;
    throw new ApiError(response.status, error?.message ?? response.statusText, error);
  }
  return schema.parse(json);
}

export const exportUrl = (formId: string, options: Record<string, string>): string =>
  `${CONSOLE_API}/exports/${encodeURIComponent(formId)}?${new URLSearchParams(options).toString()}`;
