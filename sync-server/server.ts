// The sync server: Fastify with zod-validated routes, gzip both ways, a body size limit, the
// protocol check and server time on every exchange, and an OpenAPI document of every endpoint.
import fastifyCompress from '@fastify/compress';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AddressInfo } from 'node:net';
import packageJson from '../package.json' with { type: 'json' };
import {
  HEADERS,
  HealthResponseSchema,
  MAX_BODY_BYTES,
  PROTOCOL_VERSION,
  supportedProtocols,
} from '../shared/sync/protocol';
import { openServerDatabase, type DatabaseConfig, type ServerDb } from './db/server-database';
import { installErrorHandlers } from './http/errors';
import { API_PREFIX, checkClient, serverTimeOf } from './http/exchange';
import { OpenApiSchemas } from './http/openapi';
import { addRoute, type RouteContext } from './http/route';
import { consoleRoutes } from './console/console-routes';
import { serveConsole } from './console/static';
import { adminRoutes } from './routes/admin-routes';
import { attachmentRoutes } from './routes/attachment-routes';
import { exportRoutes } from './routes/export-routes';
import { brandingRoutes } from './routes/branding-routes';
import { formMediaRoutes } from './routes/form-media-routes';
import { syncRoutes } from './routes/sync-routes';
import type { AdmissionLimits } from './sync/push-admission';
import type { DeviceOrderOptions } from './sync/device-order';
import { ticketRoutes } from './routes/ticket-routes';
import { SyncError } from './sync-error';
import { FormCache } from './sync/form-cache';
import { HashGate } from './console/hash-gate';
import { ensureServerBundleKey } from './bundle/server-bundle-key';
import type { TlsCredentials } from './tls/certificate';

export const SERVER_VERSION = packageJson.version;
/** /healthz's answer when the database fails, the same whatever the failure. */
export const DATABASE_UNAVAILABLE = 'The database is unavailable';

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug';

export type SyncAppOptions = {
  /** Default "info"; tests use "silent". */
  logLevel?: LogLevel;
  /** The protocol this server speaks (default PROTOCOL_VERSION); it also accepts the one before. */
  protocolVersion?: number;
  /** The public key kiosks seal USB bundles to (bundle/server-bundle-key.ts), told at enrolment and pull. */
  bundleKey?: string | undefined;
  /** How many pushes are taken at once before kiosks are told to come back (sync/push-admission.ts). */
  pushAdmission?: Partial<AdmissionLimits> | undefined;
  /** How a kiosk's pushes are lined up (sync/device-order.ts): tests decide when a wait runs out. */
  pushOrder?: DeviceOrderOptions | undefined;
  /** Bounds console sign-ins' password hashes (console/hash-gate.ts); tests pass one they can fill. */
  signInHashes?: HashGate | undefined;
};

export type SyncServerOptions = SyncAppOptions & {
  database: DatabaseConfig;
  /** Default 0.0.0.0: kiosks reach the server over the venue LAN. */
  host?: string;
  /** 0 picks a free port; the returned url has the real one. */
  port?: number;
  /** Serve https with this certificate (tls/certificate.ts); without it the server speaks plain HTTP. */
  tls?: TlsCredentials | undefined;
  /**
   * Tell kiosks the bundle key kept in the database (made at the first start, after importing a
   * bundle-key.pem the release before left in `legacyDir`) instead of `bundleKey`.
   */
  keptBundleKey?: { legacyDir: string | undefined } | undefined;
};

export type SyncServer = {
  url: string;
  /** The certificate's SHA-256 (hex) kiosks pin; undefined for a plain HTTP server. */
  fingerprint: string | undefined;
  port: number;
  db: ServerDb;
  app: FastifyInstance;
  close(): Promise<void>;
};

/** Opens (and migrates) the database, then serves until close(). */
export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const db = await openServerDatabase(options.database);
  let app: FastifyInstance | undefined;
  try {
    const kept = options.keptBundleKey;
    const bundleKey =
      kept === undefined
        ? options.bundleKey
        : (await ensureServerBundleKey(db, kept.legacyDir, new Date())).publicKey;
    app = await buildSyncApp(db, { ...options, bundleKey }, options.tls);
    const host = options.host ?? '0.0.0.0';
    await app.listen({ host, port: options.port ?? 0 });
    const { port } = app.server.address() as AddressInfo;
    const urlHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    const running = app;
    const scheme = options.tls === undefined ? 'http' : 'https';
    return {
      url: `${scheme}://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${port}/`,
      fingerprint: options.tls?.fingerprint,
      port,
      db,
      app,
      close: async () => {
        // A reply still being written when close starts would keep its keep-alive connection
        // open for the full timeout (72 s) after it ends: end such connections with their reply.
        running.server.keepAliveTimeout = 1;
        await running.close();
        await db.close();
      },
    };
  } catch (e) {
    await app?.close();
    await db.close();
    throw e;
  }
}

export async function buildSyncApp(
  s: ServerDb,
  options: SyncAppOptions = {},
  tls?: TlsCredentials,
): Promise<FastifyInstance> {
  const logLevel = options.logLevel ?? 'info';
  const app = Fastify({
    ...(tls === undefined ? {} : { https: { cert: tls.cert, key: tls.key } }),
    bodyLimit: MAX_BODY_BYTES,
    logger: logLevel === 'silent' ? false : { level: logLevel },
  });
  // Zod validates (in addRoute) and JSON.stringify serializes: the JSON schemas on routes are
  // only there for the OpenAPI document.
  app.setValidatorCompiler(() => () => true);
  // Bodies are JSON (and, where a route says so, CSV or raw bytes): plain text is 415, not a string.
  app.removeContentTypeParser('text/plain');
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  const range = supportedProtocols(options.protocolVersion ?? PROTOCOL_VERSION);
  const openApi = new OpenApiSchemas();
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Quiosco sync server',
        version: SERVER_VERSION,
        description:
          `Sync protocol ${range.newest} (accepts ${range.oldest} to ${range.newest}); see docs/sync-protocol.md. ` +
          `Every /v1 request sends ${HEADERS.protocol} and ${HEADERS.app}; every response carries ${HEADERS.serverTime}.`,
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transformObject: (document) => {
      if (!('openapiObject' in document)) throw new Error('expected an OpenAPI 3 document');
      const { openapiObject } = document;
      // Filled as routes were declared, after this plugin was registered.
      const components = { ...openapiObject.components, schemas: { ...openApi.components } };
      return { ...openapiObject, components } as typeof openapiObject;
    },
  });
  // Kiosk batches are big and compress ~10x: accept gzip bodies, answer gzip when asked. The
  // body limit applies to the decompressed size.
  await app.register(fastifyCompress, {
    global: true,
    encodings: ['gzip', 'deflate'],
    requestEncodings: ['gzip', 'deflate'],
  });

  installErrorHandlers(app);
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith(API_PREFIX)) checkClient(request, range);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header(HEADERS.serverTime, serverTimeOf(reply));
    reply.header(HEADERS.protocol, String(range.newest));
    reply.header('cache-control', 'no-store');
    return payload;
  });

  const ctx: RouteContext = { s, openApi, forms: new FormCache() };
  addRoute(app, ctx, {
    method: 'GET',
    url: '/healthz',
    summary: 'Liveness and the database in use',
    tag: 'meta',
    access: 'public',
    response: HealthResponseSchema,
    handler: async () => {
      try {
        await sql`SELECT 1`.execute(s.db);
      } catch (e) {
        // Public: the driver's words can name the PostgreSQL host, user and database; the log keeps them.
        app.log.error({ err: e }, 'health check: the database is unavailable');
        throw new SyncError('unavailable', DATABASE_UNAVAILABLE);
      }
      return { status: 'ok' as const, db: s.kind, version: SERVER_VERSION, protocol: range };
    },
  });
  app.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This OpenAPI document (its body carries no serverTime; the header does)',
        tags: ['meta'],
      },
    },
    async () => app.swagger(),
  );
  await app.register((scoped) =>
    syncRoutes(scoped, ctx, options.bundleKey, options.pushAdmission, options.pushOrder),
  );
  adminRoutes(app, ctx);
  exportRoutes(app, ctx);
  brandingRoutes(app, ctx);
  formMediaRoutes(app, ctx);
  await app.register((scoped) => ticketRoutes(scoped, ctx));
  await app.register((scoped) => attachmentRoutes(scoped, ctx));
  // The web console: its API under /console/api, its pages at /.
  await app.register((scoped) => consoleRoutes(scoped, ctx, options.signInHashes ?? new HashGate()));
  await serveConsole(app);
  await app.ready();
  return app;
}
