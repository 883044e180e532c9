// Migration 7 on a database that holds a form from migration 6: the form kept, with no media, and
// the media table taking an image of that form version and refusing one of a version not stored.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migratedFrom } from '../../testing/migrated-database';
import { DB_KINDS } from '../../testing/test-server';

describe.each(DB_KINDS)('migration 7 (form media) on %s', (kind) => {
  const m = migratedFrom(kind, 7, async (old) => {
    await sql`INSERT INTO events (id, name, created_at) VALUES ('feria', 'Feria', '2026-01-01T00:00:00.000Z')`.execute(
      old.db,
    );
    await sql`INSERT INTO forms (event_id, form_id, version, kind, title, definition, created_at)
      VALUES ('feria', 'frutas', '1', 'survey', '{"es":"Frutas"}', '{}', '2026-01-01T00:00:00.000Z')`.execute(
      old.db,
    );
  });

  const image = {
    event_id: 'feria',
    form_id: 'frutas',
    name: 'durazno.png',
    sha256: 'ab'.repeat(32),
    size: 3,
  };

  it('keeps the form, with no media, and stores an image of its version', async () => {
    expect(await m.s.db.selectFrom('forms').select(['form_id', 'version']).execute()).toEqual([
      { form_id: 'frutas', version: '1' },
    ]);
    const row = { ...image, version: '1', bytes: Buffer.from([1, 2, 3]) };
    await m.s.db.insertInto('form_media').values(row).execute();
    const stored = await m.s.db.selectFrom('form_media').selectAll().execute();
    expect(stored.map((r) => ({ ...r, bytes: Buffer.from(r.bytes) }))).toEqual([row]);
  });

  it('refuses an image of a form version that is not stored', async () => {
    const row = { ...image, version: '2', bytes: Buffer.from([1]) };
    await expect(m.s.db.insertInto('form_media').values(row).execute()).rejects.toThrow(
      /foreign key|FOREIGN KEY/i,
    );
  });
});
