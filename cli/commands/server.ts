import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import type { DatabaseConfig } from '../../sync-server/db/server-database';
import { limitHeapGrowth } from '../../sync-server/heap-growth';
import { startSyncServer, type LogLevel, type SyncServer } from '../../sync-server/server';
import {
  ensureCredentials,
  loadCredentials,
  TlsSetupError,
  type TlsCredentials,
} from '../../sync-server/tls/certificate';
import { CliFailure, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli, parsePort } from '../parse-cli';
import { asCliFailure, serverDatabaseConfig } from './server-database-config';
import { BundleKeyError } from '../../sync-server/bundle/server-bundle-key';
import { bundleKeyDir } from './bundle-key-dir';

export const DEFAULT_SERVER_PORT = 7040;

export const SERVER_USAGE = `Usage: quiosco server --data DIR [--port N] [--host HOST] [--log-level LEVEL]
       DATABASE_URL=postgres://USER@HOST/DB quiosco server --tls-dir DIR [--port N] ...

Runs the sync server that kiosks push their records to and pull forms and settings from. With
--data it keeps everything in DIR/server.db (SQLite, created if missing: nothing to set up).
With DATABASE_URL it uses that PostgreSQL database instead, and several servers may share it.
The database schema is brought up to date at start. Prints "Quiosco sync server: URL", then
logs one JSON line per request on stdout until Ctrl+C.

It speaks https. With no CA on a venue LAN, it makes its own certificate at first start
(DIR/tls-cert.pem, key in DIR/tls-key.pem readable by the owner only; ten years, naming this
computer's addresses) and prints its SHA-256 fingerprint; enrolment codes carry it and kiosks
refuse any other certificate at that address.

The key kiosks encrypt their USB bundles to is kept in the database (made at first start, so
every server of one database has the same one; kiosks learn its public half at enrolment and in
every pull). A bundle-key.pem an older release left beside the certificate is imported at start.

Options:
  --data DIR          data directory for the SQLite database
  --port N            port to listen on (default ${DEFAULT_SERVER_PORT}; 0 picks a free one)
  --host HOST         address to listen on (default 0.0.0.0: every interface, so kiosks on the
                      venue LAN reach it; 127.0.0.1 for this computer only)
  --log-level LEVEL   silent, error, warn, info (default) or debug
  --tls-dir DIR       where the certificate is kept (default: the --data directory; required
                      with DATABASE_URL unless --tls-cert/--tls-key or --insecure-http)
  --tls-cert FILE     use this PEM certificate instead (with --tls-key FILE, its key)
  --insecure-http     plain HTTP: tokens and personal data cross the LAN readable by anyone
                      on it, and kiosks cannot tell this server from an impostor
  -h, --help          show this help`;

const LOG_LEVELS: readonly LogLevel[] = ['silent', 'error', 'warn', 'info', 'debug'];

export { asCliFailure, serverDatabaseConfig };

export async function server(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'log-level': { type: 'string' },
      'tls-dir': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'insecure-http': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(SERVER_USAGE);
    return EXIT_OK;
  }
  const database = serverDatabaseConfig(values.data);
  const port = values.port === undefined ? DEFAULT_SERVER_PORT : parsePort(values.port);
  const logLevel = (values['log-level'] ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel))
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const host = values.host ?? '0.0.0.0';
  const tls = serverTls(values, database);

  let running: SyncServer;
  limitHeapGrowth();
  try {
    running = await startSyncServer({
      database,
      port,
      host,
      logLevel,
      tls,
      keptBundleKey: { legacyDir: bundleKeyDir(values['tls-dir'], database) },
    });
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'EADDRINUSE') {
      throw new CliFailure(
        `port ${port} is already in use: choose another with --port, or --port 0 for any free one`,
      );
    }
    if (e instanceof BundleKeyError) throw new CliFailure(e.message);
    throw asCliFailure(e);
  }
  let requestStop: (signal: string) => void = () => undefined;
  const stopped = new Promise<string>((done) => (requestStop = done));
  const onSignal = (signal: NodeJS.Signals) => requestStop(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  io.out(`Quiosco sync server: ${running.url} (${running.db.kind}: ${running.db.location})`);
  const scheme = tls === undefined ? 'http' : 'https';
  if (host === '0.0.0.0') {
    for (const address of lanAddresses())
      io.out(`  kiosks on the LAN: ${scheme}://${address}:${running.port}/`);
  }
  if (tls === undefined) {
    io.out('WARNING: plain HTTP (--insecure-http): tokens and personal data cross the LAN unencrypted.');
  } else {
    io.out(`  certificate SHA-256 (enrolment codes carry it): ${tls.fingerprint}`);
  }

  const why = await stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await running.close();
  io.out(`Quiosco sync server stopped (${why}).`);
  return EXIT_OK;
}

type TlsOptions = {
  data?: string | undefined;
  'tls-dir'?: string | undefined;
  'tls-cert'?: string | undefined;
  'tls-key'?: string | undefined;
  'insecure-http'?: boolean | undefined;
};

/** The certificate to serve with, or undefined when plain HTTP was chosen explicitly. */
export function serverTls(values: TlsOptions, database: DatabaseConfig): TlsCredentials | undefined {
  const { 'tls-dir': dir, 'tls-cert': cert, 'tls-key': key } = values;
  if (values['insecure-http'] === true) {
    if (dir !== undefined || cert !== undefined || key !== undefined)
      throw new UsageError('--insecure-http cannot go with --tls-dir, --tls-cert or --tls-key');
    return undefined;
  }
  if ((cert === undefined) !== (key === undefined))
    throw new UsageError('--tls-cert and --tls-key go together');
  try {
    if (cert !== undefined && key !== undefined) {
      if (dir !== undefined) throw new UsageError('give --tls-dir or --tls-cert/--tls-key, not both');
      return loadCredentials(resolve(cert), resolve(key));
    }
    if (dir !== undefined) return ensureCredentials(resolve(dir));
    if (database.kind === 'sqlite') return ensureCredentials(database.dataDir);
  } catch (e) {
    throw e instanceof TlsSetupError ? new CliFailure(e.message) : e;
  }
  throw new UsageError(
    'with DATABASE_URL give --tls-dir DIR (where the certificate is kept), --tls-cert and --tls-key, or --insecure-http',
  );
}

function lanAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
}
