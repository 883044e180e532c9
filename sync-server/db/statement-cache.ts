// Kysely's SQLite driver prepares every statement anew at each call. A push runs the same few
// statements every batch, among them a 500-row INSERT whose preparation alone cost as much as a
// tenth of the batch: prepared statements are kept here by their text and reused.
import type Sqlite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Statements kept: a server runs a few dozen texts over and over, the rest are one-offs. */
const KEPT = 200;

/** The database as Kysely's SqliteDialect reads it, handing out cached prepared statements. */
export function cachingStatements(database: Sqlite.Database, kept = KEPT): SqliteDatabase {
  // In last-used order: a Map iterates in insertion order, and a reused statement is moved last.
  const cache = new Map<string, Sqlite.Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      // A statement still being iterated (a streamed read) cannot run again until it is done.
      if (cached !== undefined && !cached.busy) {
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = database.prepare(sql);
      if (cached !== undefined) return statement;
      cache.set(sql, statement);
      if (cache.size > kept) {
        const oldest = cache.keys().next();
        if (oldest.done !== true) cache.delete(oldest.value);
      }
      return statement;
    },
  };
}
