// Which server database a command names, apart from the server itself: commands that only read or
// write the database (export, admin, …) import this, not the server and its web stack.
import { resolve } from 'node:path';
import { DatabaseUnavailableError, type DatabaseConfig } from '../../sync-server/db/server-database';
import { ServerDatabaseTooNewError } from '../../sync-server/db/migrate';
import { CliFailure, UsageError } from '../cli-io';

/** SQLite in --data DIR, or PostgreSQL when DATABASE_URL is set: one or the other. */
export function serverDatabaseConfig(
  data: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    if (data !== undefined)
      throw new UsageError('give --data (SQLite) or DATABASE_URL (PostgreSQL), not both');
    if (!/^postgres(ql)?:\/\//.test(url)) throw new UsageError('DATABASE_URL must be a postgres:// URL');
    return { kind: 'postgres', url };
  }
  if (data === undefined || data === '') {
    throw new UsageError('--data DIR is required (or set DATABASE_URL to use PostgreSQL)');
  }
  return { kind: 'sqlite', dataDir: resolve(data) };
}

/** Database faults a person can act on, as one-line failures. */
export function asCliFailure(e: unknown): unknown {
  if (e instanceof DatabaseUnavailableError || e instanceof ServerDatabaseTooNewError)
    return new CliFailure(e.message);
  return e;
}
