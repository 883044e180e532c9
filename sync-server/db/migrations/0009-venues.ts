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

    // The dashboard's records per hour, form and kiosk, counted as rows arrive (a trigger, so
    // every path that stores records counts them): reading them is one small range, where
    // grouping a million records took seconds (bench/console-dashboard.bench.ts).
    await tableCreator(db, kind)('submission_hours', (t) =>
      t
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('hour', 'text', (c) => c.notNull())
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('records', kind === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('submission_hours_pk', ['event_id', 'hour', 'form_id', 'device_id']),
    );
    await fillSubmissionHours(db);
    if (kind === 'sqlite') {
      await sql`CREATE TRIGGER submission_hours_count AFTER INSERT ON submissions BEGIN
        INSERT INTO submission_hours (event_id, hour, form_id, device_id, records)
        VALUES (NEW.event_id, substr(NEW.received_at, 1, 13), NEW.form_id, NEW.device_id, 1)
        ON CONFLICT (event_id, hour, form_id, device_id) DO UPDATE SET records = records + 1;
      END`.execute(db);
    } else {
      // Once per statement, over the rows it added: a push of 500 records is one upsert.
      await sql`CREATE FUNCTION count_submission_hours() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO submission_hours (event_id, hour, form_id, device_id, records)
          SELECT event_id, substr(received_at, 1, 13), form_id, device_id, count(*)
          FROM added GROUP BY 1, 2, 3, 4
          ON CONFLICT (event_id, hour, form_id, device_id)
          DO UPDATE SET records = submission_hours.records + EXCLUDED.records;
          RETURN NULL;
        END $$`.execute(db);
      await sql`CREATE TRIGGER submission_hours_count AFTER INSERT ON submissions
        REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_submission_hours()`.execute(
        db,
      );
    }
  },
};

/** Counts the records already stored (the migration; a bench that rewrote received times). */
export async function fillSubmissionHours(db: Kysely<unknown>): Promise<void> {
  await sql`DELETE FROM submission_hours`.execute(db);
  await sql`INSERT INTO submission_hours (event_id, hour, form_id, device_id, records)
    SELECT event_id, substr(received_at, 1, 13), form_id, device_id, count(*)
    FROM submissions GROUP BY event_id, substr(received_at, 1, 13), form_id, device_id`.execute(db);
}
