// The kiosk's HTTP client for the sync protocol: protocol and app headers on every request, the
// device token as a bearer credential, push bodies gzip-compressed, a timeout on every exchange,
// and every answer checked against the shared schemas before anyone trusts it. Each exchange
// also samples the clock offset from the server time the response carries. Photos travel as raw
// bytes (chunks up, whole files down), beside the JSON exchanges.
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { z } from 'zod';
import packageJson from '../../../package.json' with { type: 'json' };
import {
  AttachmentStatusListSchema,
  AttachmentStatusSchema,
  EnrolResponseSchema,
  ErrorBodySchema,
  HEADERS,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushResponseSchema,
  type AttachmentStatus,
  type AttachmentStatusList,
  type EnrolRequest,
  type PullStream,
} from '../../../shared/sync/protocol';
import { nodeExchange, type HttpAnswer, type NodeRequest } from './node-exchange';
import { CertificateMismatchError, pinnedHttps } from './pinned-https';
import { SyncFailure } from './sync-failure';
import type { Timers } from './sync-scheduler';

export const APP_NAME = `quiosco-kiosk/${packageJson.version}`;
export const DEFAULT_TIMEOUT_MS = 20_000;
/**
 * How long one push waits in all for a busy server (503 with Retry-After) before its round fails
 * like any other: a server that stays busy this long has a problem staff should see.
 */
export const MAX_BUSY_WAIT_MS = 10 * 60_000;
/** A Retry-After beyond this is taken as this: the kiosk's own backoff cap. */
const MAX_RETRY_AFTER_S = 60;
/** Kept referenced (unlike the scheduler's): a one-off sync from the CLI must not exit mid-wait. */
const waitTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const gzipAsync = promisify(gzip);
const OCTET_STREAM = 'application/octet-stream';

export type SyncClientOptions = {
  /** The server's base URL, e.g. http://10.0.0.2:8080/ */
  serverUrl: string;
  token?: string | undefined;
  /**
   * The SHA-256 (hex) of the certificate an https server must present, pinned at enrolment. An
   * https server without one is never contacted.
   */
  fingerprint?: string | undefined;
  now: () => Date;
  timeoutMs?: number | undefined;
  /** Aborts every exchange in flight, e.g. when the kiosk closes. */
  signal?: AbortSignal | undefined;
  /** For the waits a busy server asks for; injectable so tests need not wait. */
  timers?: Timers | undefined;
  /** In [0, 1): where in the hinted second a busy push comes back. */
  random?: (() => number) | undefined;
};

export type PushSendOptions = {
  /**
   * The seq of the batch's first change, told in a header so the server lines up this kiosk's
   * batches by seq even when their connections race (sync-server/sync/device-order.ts).
   */
  firstSeq?: number | undefined;
  onBusy?: (() => void) | undefined;
};

export type SyncClient = {
  enrol(body: EnrolRequest): Promise<z.output<typeof EnrolResponseSchema>>;
  /**
   * `body` is a PushRequest already serialized (the outbox keeps payloads as JSON text). A busy
   * server's "come back in N s" is waited out and the same bytes sent again, up to MAX_BUSY_WAIT_MS;
   * `onBusy` hears of each such answer.
   */
  push(body: string, options?: PushSendOptions): Promise<z.output<typeof PushResponseSchema>>;
  pull(cursor: number, limit: number, stream: PullStream): Promise<z.output<typeof PullResponseSchema>>;
  /** How far the server's copies of these photos reached; only the ones this kiosk may upload are answered. */
  attachmentStatuses(names: readonly string[]): Promise<AttachmentStatusList>;
  /**
   * Appends `chunk` (part of a photo, or the rest of it) at `offset` of a photo of `size` bytes;
   * answers how far the server's copy reached. A stream is the rest, size - offset bytes, sent as
   * it reads (the caller closes it).
   */
  putAttachmentChunk(
    name: string,
    offset: number,
    size: number,
    chunk: Uint8Array | Readable,
  ): Promise<AttachmentStatus>;
  /** A photo's bytes, as the server stored them (the caller checks them against the name). */
  getAttachment(name: string): Promise<Buffer>;
  /** An image of the kiosk's event branding by its SHA-256 (the caller checks the bytes against it). */
  getBrandImage(sha256: string): Promise<Buffer>;
  /** An image of a form of the kiosk's event by its SHA-256 (the caller checks the bytes against it). */
  getFormMedia(sha256: string): Promise<Buffer>;
  /** Server clock minus kiosk clock at the last exchange that carried the server time. */
  readonly clockOffsetMs: number | null;
};

export function createSyncClient(options: SyncClientOptions): SyncClient {
  const base = options.serverUrl.endsWith('/') ? options.serverUrl : `${options.serverUrl}/`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timers = options.timers ?? waitTimers;
  const random = options.random ?? Math.random;
  let clockOffsetMs: number | null = null;
  // Pushes are compressed one after another, so each is sent in the order asked: of a kiosk's two
  // batches in flight the first usually arrives first (and when their connections race, the
  // first-seq header tells the server their order: device-order.ts).
  let compressing: Promise<unknown> = Promise.resolve();
  const https = options.fingerprint === undefined ? undefined : pinnedHttps(options.fingerprint);

  /**
   * An exchange over https with the pinned certificate, or plain HTTP: through node:http for a
   * streamed body (sent as it reads, with its content-length), through fetch for the rest.
   */
  async function transport(url: URL, init: NodeRequest): Promise<HttpAnswer> {
    if (url.protocol === 'https:') {
      if (https === undefined) {
        throw new SyncFailure(
          'server_certificate_mismatch',
          "the server speaks https but this kiosk has no pinned certificate for it: enrol it again with the enrolment QR code (it carries the server's fingerprint)",
        );
      }
      return https(url, init);
    }
    if (init.body instanceof Readable) return nodeExchange(url, init);
    const response = await fetch(url, { ...init, body: init.body });
    const body = Buffer.from(await response.arrayBuffer());
    return { status: response.status, header: (name) => response.headers.get(name), body };
  }

  /** `gzipped`: the bytes are gzip already (sent with content-encoding: gzip). */
  type Body =
    | { bytes: string | Uint8Array; contentType: string; gzipped?: boolean }
    | { stream: Readable; length: number; contentType: string };

  /** One request: headers, timeout, clock sample; an error answer becomes a SyncFailure. */
  async function send(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: Body,
    extraHeaders: Record<string, string> = {},
  ): Promise<Buffer> {
    const headers: Record<string, string> = {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: APP_NAME,
      ...extraHeaders,
    };
    if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
    let payload: string | Uint8Array<ArrayBuffer> | Readable | undefined;
    if (body !== undefined) {
      headers['content-type'] = body.contentType;
      if ('stream' in body) {
        headers['content-length'] = String(body.length);
        payload = body.stream;
      } else {
        if (body.gzipped === true) headers['content-encoding'] = 'gzip';
        // Typed as fetch's BodyInit wants it (a Buffer may sit on a shared ArrayBuffer): a view
        // when it does not (fetch copies it once more anyway).
        payload = typeof body.bytes === 'string' ? body.bytes : ownBytes(body.bytes);
      }
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal]);
    const sentAt = options.now().getTime();
    let status: number;
    let bytes: Buffer;
    let serverTime: string | null;
    let retryAfter: string | null;
    try {
      const answer = await transport(new URL(path, base), { method, headers, body: payload, signal });
      status = answer.status;
      serverTime = answer.header(HEADERS.serverTime);
      retryAfter = answer.header('retry-after');
      bytes = answer.body;
    } catch (e) {
      if (e instanceof SyncFailure) throw e;
      if (e instanceof CertificateMismatchError)
        throw new SyncFailure('server_certificate_mismatch', e.message);
      throw unreachable(e, timeout.aborted, timeoutMs);
    }
    if (serverTime !== null) {
      const server = Date.parse(serverTime);
      // The server read its clock somewhere between our send and receive: take the midpoint.
      if (!Number.isNaN(server)) clockOffsetMs = Math.round(server - (sentAt + options.now().getTime()) / 2);
    }
    if (status < 200 || status >= 300) throw failureOf(status, parseJson(bytes.toString('utf8')), retryAfter);
    return bytes;
  }

  /** Sends a push, waiting out a busy server's Retry-After (within the hinted second, at random). */
  async function push(
    text: string,
    { firstSeq, onBusy }: PushSendOptions = {},
  ): Promise<z.output<typeof PushResponseSchema>> {
    // Compressed once: a push told to come back sends the same bytes again. Level 1: on a LAN the
    // kiosk's CPU counts more than bytes (half the time of the default level for a body 3% larger).
    const compressed = compressing.then(() => gzipAsync(text, { level: 1 }));
    compressing = compressed.catch(() => undefined);
    const bytes = await compressed;
    const body: Body = { bytes, contentType: 'application/json', gzipped: true };
    const headers: Record<string, string> =
      firstSeq === undefined ? {} : { [HEADERS.firstSeq]: String(firstSeq) };
    const started = options.now().getTime();
    for (;;) {
      try {
        return await exchange('POST', 'v1/sync/push', PushResponseSchema, body, headers);
      } catch (e) {
        const retryAfterS = e instanceof SyncFailure ? e.detail.retryAfterS : undefined;
        if (retryAfterS === undefined) throw e;
        onBusy?.();
        // The hint is rounded up to whole seconds: kiosks told the same second spread over it.
        const waitMs = Math.round(Math.max(0, retryAfterS - random()) * 1000);
        // Past the limit, or closing while waiting: the round ends with the server's answer.
        if (options.now().getTime() - started + waitMs > MAX_BUSY_WAIT_MS || !(await wait(waitMs))) throw e;
      }
    }
  }

  /** Answers false when the kiosk closes before `ms` have passed. */
  function wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const abort = () => {
        timers.clearTimeout(handle);
        resolve(false);
      };
      const handle = timers.setTimeout(() => {
        options.signal?.removeEventListener('abort', abort);
        resolve(true);
      }, ms);
      if (options.signal?.aborted === true) abort();
      else options.signal?.addEventListener('abort', abort, { once: true });
    });
  }

  async function exchange<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: S,
    body?: Body,
    headers?: Record<string, string>,
  ): Promise<z.output<S>> {
    const json = parseJson((await send(method, path, body, headers)).toString('utf8'));
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new SyncFailure(
        'invalid_response',
        `${method} /${path.split('?')[0]}: the server's answer is not what the protocol says`,
      );
    }
    return parsed.data;
  }

  const json = (text: string): Body => ({ bytes: text, contentType: 'application/json' });
  const attachmentPath = (name: string, rest = '') => `v1/attachments/${encodeURIComponent(name)}${rest}`;

  return {
    enrol: (body) => exchange('POST', 'v1/enrol', EnrolResponseSchema, json(JSON.stringify(body))),
    push,
    pull: (cursor, limit, stream) =>
      exchange(
        'GET',
        `v1/sync/pull?${new URLSearchParams({ cursor: String(cursor), limit: String(limit), stream })}`,
        PullResponseSchema,
      ),
    attachmentStatuses: (names) =>
      exchange('POST', 'v1/attachments/status', AttachmentStatusListSchema, json(JSON.stringify({ names }))),
    putAttachmentChunk: (name, offset, size, chunk) =>
      exchange(
        'PUT',
        attachmentPath(
          name,
          `/chunks?${new URLSearchParams({ offset: String(offset), size: String(size) })}`,
        ),
        AttachmentStatusSchema,
        // Photos are JPEG or PNG already: gzip would only cost time.
        chunk instanceof Readable
          ? { stream: chunk, length: size - offset, contentType: OCTET_STREAM }
          : { bytes: chunk, contentType: OCTET_STREAM },
      ),
    getAttachment: (name) => send('GET', attachmentPath(name)),
    getBrandImage: (sha256) => send('GET', `v1/sync/branding/${encodeURIComponent(sha256)}`),
    getFormMedia: (sha256) => send('GET', `v1/sync/form-media/${encodeURIComponent(sha256)}`),
    get clockOffsetMs() {
      return clockOffsetMs;
    },
  };
}

function ownBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer, byteOffset, byteLength } = bytes;
  return buffer instanceof ArrayBuffer
    ? new Uint8Array(buffer, byteOffset, byteLength)
    : new Uint8Array(bytes);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * An error answer: the server's own code and message, or a description of what came back instead.
 * A 503 from our server with Retry-After is a busy server's "come back then", not a fault.
 */
function failureOf(status: number, json: unknown, retryAfter: string | null): SyncFailure {
  const body = ErrorBodySchema.safeParse(json);
  if (body.success) {
    const { code, message, expectedSeq, received } = body.data.error;
    const retryAfterS =
      status === 503 && retryAfter !== null && /^\d{1,6}$/.test(retryAfter)
        ? Math.min(Number(retryAfter), MAX_RETRY_AFTER_S)
        : undefined;
    return new SyncFailure(code, message, { status, expectedSeq, received, retryAfterS });
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
