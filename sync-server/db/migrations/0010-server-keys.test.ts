// Migration 10 on a database from the migrations before it: the server_keys table comes empty
// (the first start makes the key) and what was there stays; one current key per purpose, a
// purpose it does not know refused.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migratedFrom } from '../../testing/migrated-database';
import { DB_KINDS } from '../../testing/test-server';

const key = (id: string, isCurrent: number) =>
  sql`INSERT INTO server_keys (id, purpose, public_key, private_key, is_current, created_at)
    VALUES (${id}, 'bundle', ${`pub-${id}`}, ${`priv-${id}`}, ${isCurrent}, '2026-12-01T00:00:00.000Z')`;

describe.each(DB_KINDS)('migration 10 (server keys) on %s', (kind) => {
  const m = migratedFrom(kind, 10, async (old) => {
    await sql`INSERT INTO events (id, name, created_at)
      VALUES ('feria', 'Feria', '2026-01-01T00:00:00.000Z')`.execute(old.db);
    await sql`INSERT INTO venues (id, event_id, name, capacity, is_default, archived_at, created_at)
      VALUES ('feria~default', 'feria', 'Feria', 300, 1, NULL, '2026-01-01T00:00:00.000Z')`.execute(old.db);
  });

  it('adds an empty server_keys table and keeps what was there', async () => {
    expect(await m.s.db.selectFrom('server_keys').selectAll().execute()).toEqual([]);
    expect(await m.s.db.selectFrom('venues').select(['id', 'capacity']).execute()).toEqual([
      { id: 'feria~default', capacity: 300 },
    ]);
    const versions = await m.s.db.selectFrom('schema_migrations').select('version').execute();
    expect(versions.map((v) => v.version)).toContain(10);
  });

  it('holds one current key per purpose, as many others as there are', async () => {
    await key('a', 1).execute(m.s.db);
    await key('b', 0).execute(m.s.db);
    await key('c', 0).execute(m.s.db);
    await expect(key('d', 1).execute(m.s.db)).rejects.toThrow();
    await expect(
      sql`INSERT INTO server_keys (id, purpose, public_key, private_key, is_current, created_at)
        VALUES ('e', 'tls', 'p', 'k', 0, '2026-12-01T00:00:00.000Z')`.execute(m.s.db),
    ).rejects.toThrow();
    const rows = await m.s.db.selectFrom('server_keys').select(['id', 'is_current']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'a', is_current: 1 },
      { id: 'b', is_current: 0 },
      { id: 'c', is_current: 0 },
    ]);
  });
});
