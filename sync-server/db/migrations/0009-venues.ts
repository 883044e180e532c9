import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';
import { tableCreator, type ServerMigration } from './migration';

/**
 * Venues of an event, each with its own capacity, and the venue a door kiosk guards. Every event
 * gets a default venue (named as the event) holding the capacity its door rules had, so nothing
 * is lost; a door kiosk with no venue counts for it.
 */
export const venues: ServerMigration = {
  version: 9,
  name: 'venues',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    await tableCreator(db, kind)('venues', (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('capacity', 'integer', (c) => c.check(sql`capacity >= 1`))
        .addColumn('is_default', 'integer', (c) => c.notNull().check(sql`is_default IN (0, 1)`))
        .addColumn('archived_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull()),
    );
    // The store compares names case-insensitively too and answers with the name; these are the backstop.
    await sql`CREATE UNIQUE INDEX venues_name ON venues (event_id, lower(name))`.execute(db);
    await sql`CREATE UNIQUE INDEX venues_default ON venues (event_id) WHERE is_default = 1`.execute(db);

    await sql`INSERT INTO venues (id, event_id, name, capacity, is_default, archived_at, created_at)
      SELECT e.id || '~default', e.id, e.name, d.capacity, 1, NULL, e.created_at
      FROM events e LEFT JOIN door_settings d ON d.event_id = e.id`.execute(db);

    await sql`ALTER TABLE devices ADD COLUMN venue_id text REFERENCES venues (id)`.execute(db);
    // Occupancy per venue reads an event's entry and exit scans grouped by kiosk: one index range.
    await db.schema
      .createIndex('scans_by_event_device')
      .on('scans')
      .columns(['event_id', 'device_id', 'verdict'])
      .execute();
  },
};
