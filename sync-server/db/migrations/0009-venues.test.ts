// Migration 9 on a database from the migrations before it: each event's door capacity becomes its
// default venue (an event never configured gets one with no limit), door kiosks keep working with
// no venue, and venue names stay unique per event whatever their case; records received before
// are counted per hour, form and kiosk, and records stored after are counted as they arrive.
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migratedFrom } from '../../testing/migrated-database';
import { DB_KINDS } from '../../testing/test-server';
import type { Database } from '../schema';

const DOOR = '0190a1b2-0000-7000-8000-000000000001';
const submission = (db: Kysely<Database>, id: string, receivedAt: string) =>
  sql`INSERT INTO submissions (id, device_id, device_seq, event_id, form_id, form_version, complete,
      created_at, received_at, content_hash, payload, record_id)
    VALUES (${id}, ${DOOR}, 1, 'feria', 'frutas', '1', 1, ${receivedAt}, ${receivedAt}, 'h', '{}', ${id})`.execute(
    db,
  );

describe.each(DB_KINDS)('migration 9 (venues) on %s', (kind) => {
  const m = migratedFrom(kind, 9, async (old) => {
    await sql`INSERT INTO events (id, name, created_at) VALUES
      ('feria', 'Feria', '2026-01-01T00:00:00.000Z'),
      ('expo', 'Expo', '2026-01-02T00:00:00.000Z')`.execute(old.db);
    await sql`INSERT INTO door_settings (event_id, capacity, allow_reentry, accept_passes, updated_at)
      VALUES ('feria', 5000, 1, 0, '2026-01-01T00:00:00.000Z')`.execute(old.db);
    await sql`INSERT INTO devices (id, name, event_id, offered_forms, token_hash, enrolled_at, mode)
      VALUES (${DOOR}, 'Puerta 1', 'feria', '[]', 'h1', '2026-01-01T00:00:00.000Z', 'door')`.execute(old.db);
    for (const [id, receivedAt] of [
      ['r1', '2026-01-01T10:05:00.000Z'],
      ['r2', '2026-01-01T10:59:59.999Z'],
      ['r3', '2026-01-01T11:00:00.000Z'],
    ] as const) {
      await submission(old.db, id, receivedAt);
    }
  });

  it('makes a default venue per event holding its door capacity', async () => {
    const rows = await m.s.db.selectFrom('venues').selectAll().orderBy('id').execute();
    expect(rows).toEqual([
      {
        id: 'expo~default',
        event_id: 'expo',
        name: 'Expo',
        capacity: null,
        is_default: 1,
        archived_at: null,
        created_at: '2026-01-02T00:00:00.000Z',
      },
      {
        id: 'feria~default',
        event_id: 'feria',
        name: 'Feria',
        capacity: 5000,
        is_default: 1,
        archived_at: null,
        created_at: '2026-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('leaves the door kiosk at no venue (the default one counts it)', async () => {
    expect(await m.s.db.selectFrom('devices').select(['name', 'venue_id']).execute()).toEqual([
      { name: 'Puerta 1', venue_id: null },
    ]);
  });

  it('counts the records received before per hour, form and kiosk, and each one stored after', async () => {
    const hours = () => m.s.db.selectFrom('submission_hours').selectAll().orderBy('hour').execute();
    const at = (hour: string, records: number) => ({
      event_id: 'feria',
      hour,
      form_id: 'frutas',
      device_id: DOOR,
      records,
    });
    expect(await hours()).toEqual([at('2026-01-01T10', 2), at('2026-01-01T11', 1)]);
    await submission(m.s.db, 'r4', '2026-01-01T11:30:00.000Z');
    await submission(m.s.db, 'r5', '2026-01-01T12:00:00.000Z');
    expect((await hours()).map((h) => [h.hour, Number(h.records)])).toEqual([
      ['2026-01-01T10', 2],
      ['2026-01-01T11', 2],
      ['2026-01-01T12', 1],
    ]);
  });

  it('refuses a second default venue, a same name in another case, and a capacity below 1', async () => {
    const venue = (id: string, name: string, capacity: number | null, isDefault: number) =>
      m.s.db
        .insertInto('venues')
        .values({
          id,
          event_id: 'feria',
          name,
          capacity,
          is_default: isDefault,
          archived_at: null,
          created_at: '2026-01-03T00:00:00.000Z',
        })
        .execute();
    await expect(venue('v1', 'Foro', 300, 1)).rejects.toThrow(/unique|UNIQUE/);
    await expect(venue('v2', 'FERIA', 300, 0)).rejects.toThrow(/unique|UNIQUE/);
    await expect(venue('v3', 'Carpa', 0, 0)).rejects.toThrow(/check|CHECK/i);
    expect(await m.s.db.selectFrom('venues').select('id').orderBy('id').execute()).toEqual([
      { id: 'expo~default' },
      { id: 'feria~default' },
    ]);
  });
});
