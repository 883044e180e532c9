import type { Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';
import { tableCreator, type ServerMigration } from './migration';

/**
 * The web console's people: named accounts with one role each, their sign-in sessions (only a
 * hash of the cookie is kept) and the audit log of sign-ins, exports and personal-data reads.
 * An index on submissions' received time serves the live dashboard's records per hour.
 */
export const consoleAccounts: ServerMigration = {
  version: 5,
  name: 'console-accounts',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    const create = tableCreator(db, kind);
    await create('users', (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .addColumn('failed_sign_ins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'text'),
    );
    await create('sessions', (t) =>
      t
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull()),
    );
    await create('audit_log', (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull()),
    );
    await db.schema.createIndex('audit_log_by_time').on('audit_log').columns(['at', 'id']).execute();
    await db.schema
      .createIndex('submissions_by_event_received')
      .on('submissions')
      .columns(['event_id', 'received_at'])
      .execute();
  },
};
