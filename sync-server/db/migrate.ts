// Brings a server database to the schema this build expects, once per start. Several servers may
// start at once on one PostgreSQL: an advisory lock lets one migrate while the others wait.
import { sql, type Kysely } from 'kysely';
import { initial } from './migrations/0001-initial';
import { tickets } from './migrations/0002-tickets';
import { fieldRecords } from './migrations/0003-field-records';
import { trust } from './migrations/0004-trust';
import { consoleAccounts } from './migrations/0005-console';
import { eventDetails } from './migrations/0006-event-details';
import { formMedia } from './migrations/0007-form-media';
import { venues } from './migrations/0009-venues';
import { serverKeys } from './migrations/0010-server-keys';
import { revisionParents } from './migrations/0011-revision-parents';
import type { ServerMigration } from './migrations/migration';
import type { Database, DatabaseKind } from './schema';
import { transactionOn } from './transaction';

export const MIGRATIONS: readonly ServerMigration[] = [
  initial,
  tickets,
  fieldRecords,
  trust,
  consoleAccounts,
  eventDetails,
  formMedia,
  venues,
  serverKeys,
  revisionParents,
];
const MIGRATION_LOCK = 73_010_001;

export class ServerDatabaseTooNewError extends Error {
  override readonly name = 'ServerDatabaseTooNewError';
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(
      `the database has schema version ${found}, newer than this server knows (${known}): run a newer quiosco server`,
    );
  }
}

/**
 * Applies the migrations this database lacks, in order; returns the versions applied now. Tests of
 * a migration pass the ones before it, to fill a database of the older schema first.
 */
export async function migrate(
  db: Kysely<Database>,
  kind: DatabaseKind,
  migrations: readonly ServerMigration[] = MIGRATIONS,
): Promise<number[]> {
  return db.connection().execute(async (conn) => {
    if (kind === 'postgres') await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      // The schema steps this database has had: one row per applied migration.
      await conn.schema
        .createTable('schema_migrations')
        .ifNotExists()
        .addColumn('version', 'integer', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('applied_at', 'text', (c) => c.notNull())
        .execute();
      const rows = await conn.selectFrom('schema_migrations').select('version').execute();
      const done = new Set(rows.map((r) => r.version));
      const known = migrations.at(-1)?.version ?? 0;
      const found = Math.max(0, ...done);
      if (found > known) throw new ServerDatabaseTooNewError(found, known);

      const applied: number[] = [];
      for (const migration of migrations) {
        if (done.has(migration.version)) continue;
        const ran = await transactionOn(conn, kind, async (trx) => {
          // SQLite has no advisory lock: another process (a server, `quiosco admin`) starting on
          // the same file may have applied it since the read above; the write lock says for sure.
          const already = await trx
            .selectFrom('schema_migrations')
            .select('version')
            .where('version', '=', migration.version)
            .executeTakeFirst();
          if (already !== undefined) return false;
          await migration.up(trx as Kysely<unknown>, kind);
          await trx
            .insertInto('schema_migrations')
            .values({
              version: migration.version,
              name: migration.name,
              applied_at: new Date().toISOString(),
            })
            .execute();
          return true;
        });
        if (ran) applied.push(migration.version);
      }
      return applied;
    } finally {
      if (kind === 'postgres') await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
