// Migration 6 on a database that holds data from migration 5: every event kept, its new details
// empty (null: no dates, no branding), and the media table taking a logo and refusing other purposes.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migratedFrom } from '../../testing/migrated-database';
import { DB_KINDS } from '../../testing/test-server';

describe.each(DB_KINDS)('migration 6 (event details) on %s', (kind) => {
  const m = migratedFrom(kind, 6, async (old) => {
    // Rows as schema 5 has them (today's createEvent would write columns it lacks).
    await sql`INSERT INTO events (id, name, created_at)
      VALUES ('feria', 'Feria', '2026-01-01T00:00:00.000Z'), ('expo', 'Expo', '2026-01-02T00:00:00.000Z')`.execute(
      old.db,
    );
  });

  it('keeps every event, with no dates, zone, archive or branding', async () => {
    const rows = await m.s.db.selectFrom('events').selectAll().orderBy('id').execute();
    const empty = { starts_on: null, ends_on: null, time_zone: null, archived_at: null, branding: null };
    expect(rows).toEqual([
      { id: 'expo', name: 'Expo', created_at: '2026-01-02T00:00:00.000Z', ...empty },
      { id: 'feria', name: 'Feria', created_at: '2026-01-01T00:00:00.000Z', ...empty },
    ]);
  });

  it('stores an image of an event by hash, and refuses a purpose that does not exist', async () => {
    const row = {
      event_id: 'feria',
      purpose: 'logo' as const,
      position: 0,
      sha256: 'ab'.repeat(32),
      content_type: 'image/png',
      width: 10,
      height: 10,
      bytes: Buffer.from([1, 2, 3]),
      created_at: '2026-01-03T00:00:00.000Z',
    };
    await m.s.db.insertInto('event_media').values(row).execute();
    const stored = await m.s.db
      .selectFrom('event_media')
      .selectAll()
      .where('sha256', '=', row.sha256)
      .execute();
    expect(stored.map((r) => ({ ...r, bytes: Buffer.from(r.bytes) }))).toEqual([row]);
    await expect(
      sql`INSERT INTO event_media (event_id, purpose, position, sha256, content_type, width, height, bytes, created_at)
        VALUES ('feria', 'banner', 0, 'x', 'image/png', 1, 1, ${Buffer.from([1])}, 'now')`.execute(m.s.db),
    ).rejects.toThrow(/check constraint/i);
  });

  it('accepts the branding stream in the pull log, and still refuses one that does not exist', async () => {
    const insert = (stream: string) =>
      sql`INSERT INTO changes (kind, entity_id, event_id, device_id, payload, created_at, stream)
        VALUES ('branding', 'feria', 'feria', NULL, '{}', 'now', ${stream})`.execute(m.s.db);
    await insert('branding');
    await expect(insert('elsewhere')).rejects.toThrow(/check constraint/i);
    expect(await m.s.db.selectFrom('changes').select('stream').execute()).toEqual([{ stream: 'branding' }]);
  });
});
