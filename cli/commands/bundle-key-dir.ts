// Where the server keeps the key kiosks seal USB bundles to: beside its TLS certificate (--tls-dir,
// else the SQLite data directory). Shared by `quiosco server` (which makes the key), `import`
// (which opens bundles with it) and `server backup`/`restore` (which carry it).
import { resolve } from 'node:path';
import type { DatabaseConfig } from '../../sync-server/db/server-database';
import {
  BundleKeyError,
  ensureBundleKey,
  loadBundleKey,
  type ServerBundleKey,
} from '../../sync-server/bundle/server-bundle-key';
import { CliFailure } from '../cli-io';

/** The directory, or undefined on PostgreSQL without --tls-dir (bundles then travel unsealed). */
export function bundleKeyDir(tlsDir: string | undefined, database: DatabaseConfig): string | undefined {
  if (tlsDir !== undefined) return resolve(tlsDir);
  return database.kind === 'sqlite' ? database.dataDir : undefined;
}

/** The key in `dir` (made there first when `make`), a damaged key file said in one line. */
export function serverBundleKey(dir: string | undefined, make: boolean): ServerBundleKey | undefined {
  if (dir === undefined) return undefined;
  try {
    return make ? ensureBundleKey(dir) : loadBundleKey(dir);
  } catch (e) {
    throw e instanceof BundleKeyError ? new CliFailure(e.message) : e;
  }
}
