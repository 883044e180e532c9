// The set-up every migration test shares: a database made by the migrations before the one under
// test, given rows as that schema has them, then opened by this build (which migrates it). Read
// `.s` inside tests; it is there from beforeAll on.
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseKind } from '../db/schema';
import { MIGRATIONS } from '../db/migrate';
import { openServerDatabase, type ServerDb } from '../db/server-database';
import { createTestDatabase, type TestDatabase } from './test-server';

export type MigratedDatabase = { readonly s: ServerDb };

/** Registers beforeAll/afterAll: `seed` fills the database at the schema before `version`. */
export function migratedFrom(
  kind: DatabaseKind,
  version: number,
  seed: (old: ServerDb) => Promise<void>,
): MigratedDatabase {
  let database: TestDatabase | undefined;
  let opened: ServerDb | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const old = await openServerDatabase(
      database.config,
      MIGRATIONS.filter((m) => m.version < version),
    );
    try {
      await seed(old);
    } finally {
      await old.close();
    }
    opened = await openServerDatabase(database.config);
  });
  afterAll(async () => {
    await opened?.close();
    await database?.drop();
  });
  return {
    get s() {
      if (opened === undefined) throw new Error('the migrated database is opened in beforeAll');
      return opened;
    },
  };
}
