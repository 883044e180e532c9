// Migration 11 on a database from migration 10 holding visitor responses and an edited field
// record: every row kept, and the new index holding only the revisions that name parents.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migratedFrom } from '../../testing/migrated-database';
import { DB_KINDS } from '../../testing/test-server';

const AT = '2026-05-01T12:00:00.000Z';

describe.each(DB_KINDS)('migration 11 (revision parents) on %s', (kind) => {
  const m = migratedFrom(kind, 11, async (old) => {
    await sql`INSERT INTO events (id, name, created_at) VALUES ('feria', 'Feria', ${AT})`.execute(old.db);
    await sql`INSERT INTO devices (id, name, event_id, offered_forms, token_hash, enrolled_at)
      VALUES ('k', 'K', 'feria', '[]', 'h', ${AT})`.execute(old.db);
    for (const [seq, id, recordId, parents] of [
      [1, 'v1', 'v1', '[]'],
      [2, 'c1', 'c1', '[]'],
      [3, 'c2', 'c1', '["c1"]'],
    ] as const) {
      await sql`INSERT INTO submissions (id, device_id, device_seq, event_id, form_id, form_version,
          complete, created_at, received_at, content_hash, payload, record_id, revision, parents)
        VALUES (${id}, 'k', ${seq}, 'feria', 'f', '1', 1, ${AT}, ${AT}, 'h', '{}', ${recordId}, ${seq === 3 ? 2 : 1}, ${parents})`.execute(
        old.db,
      );
    }
  });

  it('keeps every submission as it was', async () => {
    const rows = await m.s.db
      .selectFrom('submissions')
      .select(['id', 'record_id', 'parents', 'current'])
      .orderBy('device_seq')
      .execute();
    expect(rows).toEqual([
      { id: 'v1', record_id: 'v1', parents: '[]', current: 1 },
      { id: 'c1', record_id: 'c1', parents: '[]', current: 1 },
      { id: 'c2', record_id: 'c1', parents: '["c1"]', current: 1 },
    ]);
  });

  it('indexes only the revisions that name parents', async () => {
    const where =
      m.s.kind === 'sqlite'
        ? sql<{ def: string }>`SELECT sql AS def FROM sqlite_master WHERE name = 'submissions_with_parents'`
        : sql<{
            def: string;
          }>`SELECT indexdef AS def FROM pg_indexes WHERE indexname = 'submissions_with_parents'`;
    const [index] = (await where.execute(m.s.db)).rows;
    expect(index?.def).toMatch(/\(record_id\) WHERE \(?parents <> '\[\]'/);
  });
});
