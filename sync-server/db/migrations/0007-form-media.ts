import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';
import { tableCreator, type ServerMigration } from './migration';

/**
 * The images a form version names (choice and label `media::image`), stored with it and fetched
 * by kiosks by content hash: a form version's media never change, as its definition never does.
 */
export const formMedia: ServerMigration = {
  version: 7,
  name: 'form-media',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    await tableCreator(db, kind)('form_media', (t) =>
      t
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('bytes', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addPrimaryKeyConstraint('form_media_pk', ['event_id', 'form_id', 'version', 'name'])
        .addForeignKeyConstraint('form_media_form', ['event_id', 'form_id', 'version'], 'forms', [
          'event_id',
          'form_id',
          'version',
        ]),
    );
    await db.schema
      .createIndex('form_media_by_hash')
      .on('form_media')
      .columns(['event_id', 'sha256'])
      .execute();
  },
};
