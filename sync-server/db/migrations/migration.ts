import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';

/**
 * One forward-only schema step, run inside a transaction. Migrations use the untyped Kysely
 * because they create the tables the typed one describes.
 */
export type ServerMigration = {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<unknown>, kind: DatabaseKind): Promise<void>;
};

/** Creates tables; on SQLite as STRICT tables, which refuse a value of the wrong type instead of storing it anyway. */
export function tableCreator(db: Kysely<unknown>, kind: DatabaseKind) {
  return async <T extends string>(
    name: T,
    build: (table: CreateTableBuilder<T>) => CreateTableBuilder<T, string>,
  ): Promise<void> => {
    const table = build(db.schema.createTable(name));
    await (kind === 'sqlite' ? table.modifyEnd(sql`strict`) : table).execute();
  };
}
