import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';
import { tableCreator, type ServerMigration } from './migration';

export const initial: ServerMigration = {
  version: 1,
  name: 'initial',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    const create = tableCreator(db, kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';

    // People's API tokens with their role; only the sha256 of each token is kept.
    await create('api_tokens', (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role IN ('admin', 'coordinator', 'statistician')`),
        )
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text'),
    );

    // Events (a fair, a festival): what forms, kiosks and records belong to.
    await create('events', (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull()),
    );

    // Form versions attached to an event, as validated FormDefinition JSON; a version never changes.
    await create('forms', (t) =>
      t
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('version', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('definition', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('forms_pk', ['event_id', 'form_id', 'version']),
    );

    // One-time enrolment codes (sha256 only) that let a kiosk join an event until they expire.
    await create('enrol_codes', (t) =>
      t
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('used_by_device', 'text'),
    );

    // Enrolled kiosks: token hash, event and forms, and the highest push seq settled for each.
    await create('devices', (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('offered_forms', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('enrolled_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('last_seq', bigint, (c) => c.notNull().defaultTo(0))
        .addColumn('last_push_at', 'text')
        .addColumn('last_seen_at', 'text')
        .addColumn('backlog', bigint)
        .addColumn('app_version', 'text')
        .addColumn('protocol_version', 'integer'),
    );

    // Every event a kiosk has been assigned to: it may push records for any of them.
    await create('device_events', (t) =>
      t
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('assigned_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('device_events_pk', ['device_id', 'event_id']),
    );

    // Visitor responses from kiosks, each id once, with a content hash that tells a retry from a conflict.
    await create('submissions', (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('device_seq', bigint, (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('form_id', 'text', (c) => c.notNull())
        .addColumn('form_version', 'text', (c) => c.notNull())
        .addColumn('complete', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull()),
    );
    await db.schema
      .createIndex('submissions_by_event')
      .on('submissions')
      .columns(['event_id', 'id'])
      .execute();

    // Records refused at push, by device and seq, so a replayed batch gets the same answer.
    await create('push_rejections', (t) =>
      t
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('seq', bigint, (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('push_rejections_pk', ['device_id', 'seq']),
    );

    // The pull log: what kiosks download, in a server-assigned order that is also commit order.
    // A row is for every kiosk of an event (event_id) or for one kiosk (device_id).
    await create('changes', (t) =>
      (kind === 'postgres'
        ? t.addColumn('seq', 'bigserial', (c) => c.primaryKey())
        : t.addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      )
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.references('events.id'))
        .addColumn('device_id', 'text', (c) => c.references('devices.id'))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addCheckConstraint('changes_scope', sql`(event_id IS NULL) <> (device_id IS NULL)`),
    );
    await db.schema.createIndex('changes_by_event').on('changes').columns(['event_id', 'seq']).execute();
    await db.schema.createIndex('changes_by_device').on('changes').columns(['device_id', 'seq']).execute();
  },
};
