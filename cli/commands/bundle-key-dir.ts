// Where the release before kept the key kiosks seal USB bundles to (bundle-key.pem): beside the
// TLS certificate (--tls-dir, else the SQLite data directory). The key now lives in the database
// (sync-server/bundle/server-bundle-key.ts); `quiosco server` and `import` import such a file once,
// and `server restore` puts back the one an older backup carried beside it.
import { resolve } from 'node:path';
import type { DatabaseConfig } from '../../sync-server/db/server-database';

/** The directory, or undefined on PostgreSQL without --tls-dir (no file was kept there). */
export function bundleKeyDir(tlsDir: string | undefined, database: DatabaseConfig): string | undefined {
  if (tlsDir !== undefined) return resolve(tlsDir);
  return database.kind === 'sqlite' ? database.dataDir : undefined;
}
