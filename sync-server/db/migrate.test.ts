// Servers and `quiosco admin` starting at once on one database after an upgrade: each brings it to
// this build's schema, none applies a step twice, and none fails to start for it. PostgreSQL
// serialises them with an advisory lock; SQLite has only the file's write lock, so a step another
// process applied after this one read the list must be seen when this one gets the lock.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../testing/test-server';
import { MIGRATIONS, migrate } from './migrate';
import type { ServerMigration } from './migrations/migration';
import { openServerDatabase, type ServerDb } from './server-database';

const ENSURE_KEY = join(import.meta.dirname, '..', 'bundle', 'testing', 'ensure-key.ts');
const run = promisify(execFile);

async function appliedVersions(s: ServerDb): Promise<number[]> {
  const rows = await s.db.selectFrom('schema_migrations').select('version').orderBy('version').execute();
  return rows.map((r) => r.version);
}

describe.each(DB_KINDS)('migrations on %s', (kind) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('skips a step another process applied after the list was read, and applies the rest', async () => {
    database = await createTestDatabase(kind);
    const [first, second, ...rest] = MIGRATIONS;
    if (first === undefined || second === undefined) throw new Error('two migrations at least');
    // While this process ran the first step, another applied (and recorded) the second.
    const raced: ServerMigration = {
      ...first,
      async up(db, k) {
        await first.up(db, k);
        await second.up(db, k);
        await db
          .insertInto('schema_migrations' as never)
          .values({ version: second.version, name: second.name, applied_at: 'another process' } as never)
          .execute();
      },
    };
    const s = await openServerDatabase(database.config, []);
    try {
      const applied = await migrate(s.db, kind, [raced, second, ...rest]);
      expect(applied).toEqual([first, ...rest].map((m) => m.version));
      expect(await appliedVersions(s)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await s.close();
    }
  });
});

describe('migrations on one SQLite file', () => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
  });

  it('three processes starting on one new file all start, each step applied once', async () => {
    database = await createTestDatabase('sqlite');
    const { config } = database;
    if (config.kind !== 'sqlite') throw new Error('a SQLite database');
    // Each migrates, then makes or finds the bundle key, as a server's start does.
    const started = await Promise.all(
      [1, 2, 3].map(() => run(process.execPath, ['--import', 'tsx', ENSURE_KEY, config.dataDir])),
    );
    expect(new Set(started.map((r) => r.stdout)).size).toBe(1);
    const s = await openServerDatabase(config);
    try {
      expect(await appliedVersions(s)).toEqual(MIGRATIONS.map((m) => m.version));
    } finally {
      await s.close();
    }
  });
});
