import { sql, type Kysely } from 'kysely';
import type { ServerMigration } from './migration';

/**
 * Each push looks for the parents named within the records it touches (sync/revisions.ts). Only
 * edited revisions name any: a handful among a festival's visitor responses. Through the record
 * index each of a batch's thousand ids finds its own visitor row and reads it from the table to
 * see it names none; this index holds only the rows that do, so looking up a visitor response
 * finds nothing without touching the table.
 */
export const revisionParents: ServerMigration = {
  version: 11,
  name: 'revision-parents',
  async up(db: Kysely<unknown>) {
    await sql`CREATE INDEX submissions_with_parents ON submissions (record_id) WHERE parents <> '[]'`.execute(
      db,
    );
  },
};
