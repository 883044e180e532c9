// The web kiosk: the built renderer and the core's API over HTTP on loopback. Any page the
// kiosk's browser opens could reach a loopback port, so requests must name this server in Host
// (defeats DNS rebinding) and, when they carry an Origin, come from this origin (defeats CSRF).
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { extname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyReply } from 'fastify';
import { MAX_PAYLOAD_BYTES, type Channel } from '../../../shared/ipc/contract';
import { MAX_ATTACHMENT_IPC_BYTES } from '../../../shared/ipc/field-contract';
import { CONTENT_SECURITY_POLICY } from '../../../shared/kiosk/content-security-policy';
import { fail, type Result } from '../../../shared/ipc/result';
import { HTTP_STATUS } from '../../../shared/ipc/http-status';
import { FORM_IMAGE_PREFIX, formImage } from '../forms/form-image-request';
import type { KioskCore } from '../kiosk-core';

export type StartWebKioskOptions = {
  core: KioskCore;
  /** 0 picks a free port; the returned url has the real one. */
  port: number;
  host?: string;
  /** The built renderer: index.html plus its assets. */
  rendererDir: string;
  /** The kiosk's data directory, where installed forms keep their media (form-media/FORM/VERSION_KEY/FILE). */
  dataDir?: string | undefined;
  logError?: (message: string, error: unknown) => void;
};

export type WebKiosk = { url: string; close(): Promise<void> };

export class RendererMissingError extends Error {
  override readonly name = 'RendererMissingError';
  constructor(readonly rendererDir: string) {
    super(`${rendererDir} has no index.html: build the renderer first (npm run build)`);
  }
}

/** attachment:save carries a photo as base64 (its limit in the contract) plus a few fields. */
export const ATTACHMENT_BODY_LIMIT = Math.ceil(MAX_ATTACHMENT_IPC_BYTES / 3) * 4 + 1024;
/** Channels allowed a larger body than MAX_PAYLOAD_BYTES, each with its own limit. */
const BODY_LIMITS: Partial<Record<Channel, number>> = { 'attachment:save': ATTACHMENT_BODY_LIMIT };

/** Vite puts content-hashed files here; they never change under the same name. */
const ASSETS_PREFIX = '/assets/';

export async function startWebKiosk({
  core,
  port,
  host = '127.0.0.1',
  rendererDir,
  dataDir,
  logError = (message, error) => console.error(message, error),
}: StartWebKioskOptions): Promise<WebKiosk> {
  if (!existsSync(join(rendererDir, 'index.html'))) throw new RendererMissingError(rendererDir);
  const app = Fastify({ bodyLimit: MAX_PAYLOAD_BYTES, logger: false });
  // Only application/json: a cross-site page can send text/plain without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  let allowedHosts = new Set<string>();
  const send = (
    reply: FastifyReply,
    result: Result<unknown>,
    status = result.ok ? 200 : HTTP_STATUS[result.error.code],
  ) => reply.code(status).header('cache-control', 'no-store').send(result);

  app.addHook('onRequest', async (req, reply) => {
    const requestHost = req.headers.host ?? '';
    if (!allowedHosts.has(requestHost)) {
      return send(
        reply,
        fail('forbidden', `Refused: Host ${JSON.stringify(requestHost.slice(0, 100))} is not this kiosk`),
      );
    }
    const origin = req.headers.origin;
    if (
      req.method !== 'GET' &&
      req.method !== 'HEAD' &&
      origin !== undefined &&
      origin !== `http://${requestHost}`
    ) {
      return send(
        reply,
        fail('forbidden', `Refused: requests from ${JSON.stringify(origin.slice(0, 100))} are not allowed`),
      );
    }
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return payload;
  });

  await app.register(fastifyStatic, {
    root: rendererDir,
    prefix: '/',
    cacheControl: false,
    setHeaders: (res, path) => {
      const isAsset = path.startsWith(join(rendererDir, ASSETS_PREFIX));
      // index.html names the current assets, so it must never be cached across an update.
      res.setHeader(
        'cache-control',
        isAsset ? 'public, max-age=31536000, immutable' : path.endsWith('.html') ? 'no-store' : 'no-cache',
      );
    },
  });

  app.post<{ Params: { channel: string } }>('/api/:channel', async (req, reply) =>
    send(reply, await core.dispatch(req.params.channel, req.body)),
  );
  // A static route wins over /api/:channel; "::" is a literal colon in a Fastify path.
  for (const [channel, bodyLimit] of Object.entries(BODY_LIMITS)) {
    app.post(`/api/${channel.replace(':', '::')}`, { bodyLimit }, async (req, reply) =>
      send(reply, await core.dispatch(channel, req.body)),
    );
  }

  // Choice and label images of the form version a screen shows (form-image-request.ts).
  app.get<{ Params: { formId: string; file: string }; Querystring: { version?: unknown } }>(
    `${FORM_IMAGE_PREFIX}:formId/:file`,
    async (req, reply) => {
      const image = formImage(dataDir, { ...req.params, version: req.query.version });
      if (!image.ok) return send(reply, image);
      return reply.type(image.value.type).header('cache-control', 'no-cache').send(image.value.bytes);
    },
  );

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path.startsWith('/api/'))
      return send(reply, fail('unknown_channel', `No API at ${req.method} ${path.slice(0, 100)}`));
    // The renderer routes in the browser: any page-like path gets the app.
    if (req.method === 'GET' && extname(path) === '') return reply.sendFile('index.html');
    return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
  });

  app.setErrorHandler((err: { statusCode?: number; message: string }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status === 413)
      return send(
        reply,
        fail(
          'payload_too_large',
          `Request body is larger than ${req.routeOptions.bodyLimit ?? MAX_PAYLOAD_BYTES} bytes`,
        ),
      );
    if (status >= 400 && status < 500)
      return send(reply, fail('invalid_input', `Request refused: ${err.message}`));
    logError('web kiosk: request failed', err);
    return send(reply, fail('internal', 'The request failed unexpectedly; the error is in the kiosk log'));
  });

  await app.listen({ port, host });
  const actualPort = (app.server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  allowedHosts = new Set([`${hostPart}:${actualPort}`, `127.0.0.1:${actualPort}`, `localhost:${actualPort}`]);
  return { url: `http://${hostPart}:${actualPort}/`, close: () => app.close() };
}
