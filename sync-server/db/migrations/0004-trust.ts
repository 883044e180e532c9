import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';
import { tableCreator, type ServerMigration } from './migration';

/**
 * Which kiosks are doors (only they get the door stream and may push scans), and the content
 * hash of every change a kiosk pushed by its seq, so a seq that comes again with other content is
 * told apart from a replay (two kiosks on one device id: a cloned disk image).
 */
export const trust: ServerMigration = {
  version: 4,
  name: 'trust',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    await sql`ALTER TABLE devices ADD COLUMN mode text NOT NULL DEFAULT 'visitor'
      CHECK (mode IN ('visitor', 'door'))`.execute(db);
    // A kiosk that has pushed scans is a door already: it keeps its door stream after the upgrade.
    await sql`UPDATE devices SET mode = 'door' WHERE id IN (SELECT device_id FROM scans)`.execute(db);

    await tableCreator(db, kind)('push_seqs', (t) =>
      t
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('seq', kind === 'postgres' ? 'bigint' : 'integer', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('push_seqs_pk', ['device_id', 'seq']),
    );
    // What was stored before knows its seq and hash already (the same hash as push_seqs keeps).
    // "WHERE true": SQLite's parser needs it before ON CONFLICT in INSERT … SELECT.
    for (const table of ['submissions', 'scans'] as const) {
      await sql`INSERT INTO push_seqs (device_id, seq, content_hash)
        SELECT device_id, device_seq, content_hash FROM ${sql.table(table)} WHERE true
        ON CONFLICT DO NOTHING`.execute(db);
    }
  },
};
