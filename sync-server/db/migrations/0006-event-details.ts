import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';
import { rebuildSqliteChanges } from './0003-field-records';
import { tableCreator, type ServerMigration } from './migration';

// Frozen here, not read from PullStreamSchema: a migration must mean the same thing forever.
const STREAMS = sql`stream IN ('kiosk', 'door', 'records', 'branding')`;

/**
 * What an event is beyond its name: its dates and time zone, when it was archived, and its
 * branding (colours as JSON, checked for contrast before they are stored), with the branding's
 * images (the logo and the attract loop) kept by content hash, and the branding pull stream.
 */
export const eventDetails: ServerMigration = {
  version: 6,
  name: 'event-details',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    // YYYY-MM-DD, YYYY-MM-DD, an IANA zone name, an ISO timestamp, EventBranding JSON.
    for (const column of ['starts_on', 'ends_on', 'time_zone', 'archived_at', 'branding']) {
      await sql`ALTER TABLE events ADD COLUMN ${sql.id(column)} text`.execute(db);
    }
    await tableCreator(db, kind)('event_media', (t) =>
      t
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose IN ('logo', 'attract')`))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('width', 'integer', (c) => c.notNull())
        .addColumn('height', 'integer', (c) => c.notNull())
        .addColumn('bytes', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('event_media_pk', ['event_id', 'purpose', 'position']),
    );
    // Kiosks fetch an image by its hash alone.
    await db.schema.createIndex('event_media_by_hash').on('event_media').column('sha256').execute();
    // Branding travels in a stream of its own: kiosks built before it never see a kind they do not know.
    if (kind === 'postgres') {
      await sql`ALTER TABLE changes DROP CONSTRAINT changes_stream_check`.execute(db);
      await sql`ALTER TABLE changes ADD CONSTRAINT changes_stream_check CHECK (${STREAMS})`.execute(db);
    } else {
      await rebuildSqliteChanges(db, STREAMS);
    }
  },
};
