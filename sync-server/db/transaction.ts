import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from './schema';

/**
 * Runs `work` in a transaction on one connection, committing if it returns. SQLite starts with
 * BEGIN IMMEDIATE: it takes the write lock at once, so a transaction that reads before it writes
 * cannot fail half-way when `quiosco admin` writes to the same file meanwhile.
 */
export async function transactionOn<DB, T>(
  conn: Kysely<DB>,
  kind: DatabaseKind,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  await sql.raw(kind === 'sqlite' ? 'BEGIN IMMEDIATE' : 'BEGIN').execute(conn);
  let result: T;
  try {
    result = await work(conn);
  } catch (e) {
    await sql.raw('ROLLBACK').execute(conn);
    throw e;
  }
  await sql.raw('COMMIT').execute(conn);
  return result;
}

/** A transaction on a connection of its own (SQLite has one; PostgreSQL lends one from the pool). */
export function inTransaction<DB, T>(
  db: Kysely<DB>,
  kind: DatabaseKind,
  work: (trx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return db.connection().execute((conn) => transactionOn(conn, kind, work));
}
