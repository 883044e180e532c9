// The push's lookup of parents named within its records (revisions.ts), on a table holding a
// festival's worth of visitor responses and a few edited field records, never analysed (as during
// a fleet's first minutes): the right rows, read through the record index, never a table scan.
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema';
import { openServerDatabase, type ServerDb } from '../db/server-database';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../testing/test-server';
import { parentsLookup, parentsNamedWithin } from './revisions';

const KIOSK = '0190a1b2-0000-7000-8000-0000000000aa';
const RESPONSES = 20_000;
const AT = '2026-05-01T12:00:00.000Z';

const row = (id: string, recordId: string, revision: number, parents: string[]): Database['submissions'] => ({
  id,
  device_id: KIOSK,
  device_seq: 0,
  event_id: 'feria',
  form_id: 'f',
  form_version: '1',
  complete: 1,
  created_at: AT,
  received_at: AT,
  content_hash: 'h',
  payload: '{}',
  record_id: recordId,
  revision,
  parents: JSON.stringify(parents),
  edited_by: null,
  current: 1,
});

describe.each(DB_KINDS)('the parents lookup on %s', (kind) => {
  let database: TestDatabase;
  let s: ServerDb;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    s = await openServerDatabase(database.config);
    await sql`INSERT INTO events (id, name, created_at) VALUES ('feria', 'Feria', ${AT})`.execute(s.db);
    await sql`INSERT INTO devices (id, name, event_id, offered_forms, token_hash, enrolled_at)
      VALUES (${KIOSK}, 'K', 'feria', '[]', 'h', ${AT})`.execute(s.db);
    const rows = Array.from({ length: RESPONSES }, (_, i) => row(`v${i}`, `v${i}`, 1, []));
    // A field record edited twice, and one edited on two kiosks at once (two children of one parent).
    rows.push(row('c2', 'c1', 2, ['c1']), row('c3', 'c1', 3, ['c2']));
    rows.push(row('d2', 'd1', 2, ['d1']), row('d2b', 'd1', 2, ['d1']));
    for (const [i, r] of rows.entries()) rows[i] = { ...r, device_seq: i + 1 };
    for (let i = 0; i < rows.length; i += 500) {
      await s.db
        .insertInto('submissions')
        .values(rows.slice(i, i + 500))
        .execute();
    }
  });
  afterAll(async () => {
    await s?.close();
    await database?.drop();
  });

  it('finds the parents named within a push-sized list of records', async () => {
    const ids = ['c1', 'd1', ...Array.from({ length: 998 }, (_, i) => `v${i}`)];
    const rows = await parentsNamedWithin(s.db, kind, ids);
    expect(rows.map((r) => [r.record_id, r.parents]).sort()).toEqual([
      ['c1', '["c1"]'],
      ['c1', '["c2"]'],
      ['d1', '["d1"]'],
      ['d1', '["d1"]'],
    ]);
  });

  it('looks each record up through its index, never scanning the table', async () => {
    const ids = Array.from({ length: 1000 }, (_, i) => `v${i * 7}`);
    const query = parentsLookup(kind, ids).compile(s.db);
    const explain = kind === 'sqlite' ? 'EXPLAIN QUERY PLAN ' : 'EXPLAIN ';
    const explained = await s.db.executeQuery(CompiledQuery.raw(explain + query.sql, [...query.parameters]));
    const plan = JSON.stringify(explained.rows);
    expect(plan).toContain('submissions_with_parents');
    expect(plan).not.toMatch(/Seq Scan on submissions|SCAN submissions(?! USING)/);
  });
});
