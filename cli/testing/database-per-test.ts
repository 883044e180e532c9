// A server database of its own for each test of a `quiosco` command, on SQLite or PostgreSQL: the
// CLI pointed at it as a person would (--data DIR, or DATABASE_URL), and read straight from its tables.
import { afterEach, beforeEach } from 'vitest';
import type { DatabaseKind } from '../../sync-server/db/schema';
import { openServerDatabase, type DatabaseConfig, type ServerDb } from '../../sync-server/db/server-database';
import {
  createTestDatabase,
  pointDatabaseUrlAt,
  type TestDatabase,
} from '../../sync-server/testing/test-server';
import { quioscoOn } from './run-quiosco';

/** Opens the server's database for one piece of work and closes it. */
export async function inServerDatabase<T>(
  config: DatabaseConfig,
  work: (s: ServerDb) => Promise<T>,
): Promise<T> {
  const s = await openServerDatabase(config);
  try {
    return await work(s);
  } finally {
    await s.close();
  }
}

export function databasePerTest(kind: DatabaseKind) {
  let database: TestDatabase | undefined;
  let restore = () => {};
  beforeEach(async () => {
    database = await createTestDatabase(kind);
    restore = pointDatabaseUrlAt(database.config);
  });
  afterEach(async () => {
    restore();
    await database?.drop();
  });
  const config = (): DatabaseConfig => {
    if (database === undefined) throw new Error('the test database exists only inside a test');
    return database.config;
  };
  return {
    config,
    quiosco: quioscoOn(config),
    /** The --data option a command needs on SQLite (PostgreSQL is named by DATABASE_URL). */
    where: (): string[] => {
      const c = config();
      return c.kind === 'sqlite' ? ['--data', c.dataDir] : [];
    },
    inDatabase: <T>(work: (s: ServerDb) => Promise<T>) => inServerDatabase(config(), work),
  };
}
