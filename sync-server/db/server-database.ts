// Opens the server's database: an SQLite file in a data directory (zero set-up) or PostgreSQL
// named by a URL, behind one Kysely query layer, migrated before anything else touches it.
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import pg from 'pg';
import { makePrivateDir, preparePrivateFile } from '../private-files';
import { migrate, MIGRATIONS } from './migrate';
import type { ServerMigration } from './migrations/migration';
import type { Database, DatabaseKind } from './schema';
import { cachingStatements } from './statement-cache';
import { inTransaction } from './transaction';

export type DatabaseConfig = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

export type ServerDb = {
  readonly kind: DatabaseKind;
  readonly db: Kysely<Database>;
  /** Where the data is, for logs: a file path, or the PostgreSQL URL without its password. */
  readonly location: string;
  /** SQLite's data directory (photo files are kept beside the database there); undefined on PostgreSQL. */
  readonly dataDir: string | undefined;
  /**
   * PostgreSQL's connection pool (undefined on SQLite), for the one read that goes around Kysely:
   * an export's pages (sync-server/exports/record-pages.ts says why).
   */
  readonly pgPool: pg.Pool | undefined;
  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export const SQLITE_FILE = 'server.db';

/** The database cannot be reached or opened; the message says which and why. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
}

/** Opens and migrates the database (to `migrations`' last: all of them unless a test asks). */
export async function openServerDatabase(
  config: DatabaseConfig,
  migrations: readonly ServerMigration[] = MIGRATIONS,
): Promise<ServerDb> {
  const { db, location, pgPool } =
    config.kind === 'sqlite' ? openSqlite(config.dataDir) : openPostgres(config.url);
  try {
    await sql`SELECT 1`.execute(db);
  } catch (e) {
    await db.destroy();
    throw new DatabaseUnavailableError(
      `cannot open ${location}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const server: ServerDb = {
    kind: config.kind,
    db,
    location,
    dataDir: config.kind === 'sqlite' ? config.dataDir : undefined,
    pgPool,
    transaction: (work) => inTransaction(db, config.kind, work),
    close: () => db.destroy(),
  };
  try {
    await migrate(db, config.kind, migrations);
  } catch (e) {
    await server.close();
    throw e;
  }
  return server;
}

/**
 * Runs `work` in one transaction, handing it a ServerDb bound to that transaction: store functions
 * given it read and write there, and their own `transaction()` joins it instead of opening a second
 * (on SQLite's one connection that would wait for itself; on PostgreSQL it would take another pool
 * connection and commit on its own). A set-up change and its audit entry are made this way, so
 * neither is ever written without the other. Called on a bound ServerDb, it joins that transaction.
 * Its pgPool is still the pool (export pages read around Kysely, never part of a set-up change).
 */
export function inOneTransaction<T>(s: ServerDb, work: (t: ServerDb) => Promise<T>): Promise<T> {
  return s.transaction((trx) =>
    work({
      ...s,
      db: trx,
      transaction: (inner) => inner(trx),
      close: () => Promise.reject(new Error('close the database, not a transaction on it')),
    }),
  );
}

type Opened = { db: Kysely<Database>; location: string; pgPool: pg.Pool | undefined };

function openSqlite(dataDir: string): Opened {
  // The database holds the ticket signing keys and personal data: the owner's alone.
  makePrivateDir(dataDir, true);
  const file = join(dataDir, SQLITE_FILE);
  preparePrivateFile(file, [`${file}-wal`, `${file}-shm`]);
  const database = new Sqlite(file);
  database.pragma('journal_mode = WAL');
  // An acknowledged push must survive a power cut, not only a crash: fsync at every commit.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  return {
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(database) }) }),
    location: file,
    pgPool: undefined,
  };
}

const INT8_OID = 20;

function openPostgres(url: string): Opened {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // No JIT: our statements are short, and on a table not yet analysed PostgreSQL's estimates
    // can pass jit_above_cost, compiling for ~60 ms a lookup that runs in under 1 ms (each push).
    options: '-c jit=off',
    // bigint columns (seqs, counts) arrive as strings by default; ours stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection closed by PostgreSQL (a restart, an administrator) must not crash the
  // server: the pool drops it and opens a new one when needed.
  pool.on('error', (error) => process.emitWarning(`PostgreSQL closed an idle connection: ${error.message}`));
  return {
    db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
    location: redactUrl(url),
    pgPool: pool,
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)';
  }
}
