// The kiosk's HTTP client for the sync protocol: protocol and app headers on every request, the
// device token as a bearer credential, push bodies gzip-compressed, a timeout on every exchange,
// and every answer checked against the shared schemas before anyone trusts it. Each exchange
// also samples the clock offset from the server time the response carries.
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { z } from 'zod';
import packageJson from '../../../package.json' with { type: 'json' };
import {
  EnrolResponseSchema,
  ErrorBodySchema,
  HEADERS,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushResponseSchema,
  type EnrolRequest,
  type PullStream,
} from '../../../shared/sync/protocol';
import { SyncFailure } from './sync-failure';

export const APP_NAME = `quiosco-kiosk/${packageJson.version}`;
export const DEFAULT_TIMEOUT_MS = 20_000;

const gzipAsync = promisify(gzip);

export type SyncClientOptions = {
  /** The server's base URL, e.g. http://10.0.0.2:8080/ */
  serverUrl: string;
  token?: string | undefined;
  now: () => Date;
  timeoutMs?: number | undefined;
  /** Aborts every exchange in flight, e.g. when the kiosk closes. */
  signal?: AbortSignal | undefined;
};

export type SyncClient = {
  enrol(body: EnrolRequest): Promise<z.output<typeof EnrolResponseSchema>>;
  /** `body` is a PushRequest already serialized (the outbox keeps payloads as JSON text). */
  push(body: string): Promise<z.output<typeof PushResponseSchema>>;
  pull(cursor: number, limit: number, stream: PullStream): Promise<z.output<typeof PullResponseSchema>>;
  /** Server clock minus kiosk clock at the last exchange that carried the server time. */
  readonly clockOffsetMs: number | null;
};

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const base = options.serverUrl.endsWith('/') ? options.serverUrl : `${options.serverUrl}/`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let clockOffsetMs: number | null = null;

  async function exchange<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    body?: { json: string; gzip: boolean },
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: APP_NAME,
    };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = body.json;
      if (body.gzip) {
        // A copy typed as fetch's BodyInit wants it (a Buffer may sit on a shared ArrayBuffer).
        payload = new Uint8Array(await gzipAsync(body.json));
        headers['content-encoding'] = 'gzip';
      }
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
    const sentAt = options.now().getTime();
    let status: number;
    let text: string;
    let serverTime: string | null;
    try {
      const response = await fetch(new URL(path, base), { method, headers, body: payload, signal });
      status = response.status;
      serverTime = response.headers.get(HEADERS.serverTime);
      text = await response.text();
    } catch (e) {
      throw unreachable(e, timeout.aborted, timeoutMs);
    }
    if (serverTime !== null) {
      const server = Date.parse(serverTime);
      // The server read its clock somewhere between our send and receive: take the midpoint.
      if (!Number.isNaN(server)) clockOffsetMs = Math.round(server - (sentAt + options.now().getTime()) / 2);
    }
    const json = parseJson(text);
    if (status < 200 || status >= 300) throw failureOf(status, json);
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncFailure(
        'invalid_response',
        `${method} /${path.split('?')[0]}: the server's answer is not what the protocol says`,
      );
    }
    return parsed.data;
  }

  return {
    enrol: (body) =>
      exchange('POST', 'v1/enrol', EnrolResponseSchema, { json: JSON.stringify(body), gzip: false }),
    push: (json) => exchange('POST', 'v1/sync/push', PushResponseSchema, { json, gzip: true }),
    pull: (cursor, limit, stream) =>
      exchange(
        'GET',
        `v1/sync/pull?${new URLSearchParams({ cursor: String(cursor), limit: String(limit), stream })}`,
        PullResponseSchema,
      ),
    get clockOffsetMs() {
      return clockOffsetMs;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** An error answer: the server's own code and message, or a description of what came back instead. */
function failureOf(status: number, json: unknown): SyncFailure {
  const body = ErrorBodySchema.safeParse(json);
  if (body.success) {
    const { code, message, expectedSeq } = body.data.error;
    return new SyncFailure(code, message, { status, expectedSeq });
  }
  // Not our server's error shape: a proxy, a captive portal, or a server of another kind.
  if (status === 426)
    return new SyncFailure('protocol_unsupported', 'HTTP 426: this app is too old for the server', {
      status,
    });
  return new SyncFailure(
    status >= 500 ? 'unavailable' : 'invalid_response',
    `HTTP ${status} without a sync protocol error body`,
    { status },
  );
}

function unreachable(e: unknown, timedOut: boolean, timeoutMs: number): SyncFailure {
  if (timedOut)
    return new SyncFailure('server_unreachable', `no answer from the server within ${timeoutMs / 1000} s`);
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause : e;
  const detail =
    cause instanceof Error
      ? 'code' in cause && typeof cause.code === 'string'
        ? `${cause.code}: ${cause.message}`
        : cause.message
      : String(cause);
  return new SyncFailure('server_unreachable', `cannot reach the server (${detail})`);
}
