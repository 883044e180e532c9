import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../schema';
import { tableCreator, type ServerMigration } from './migration';

export const tickets: ServerMigration = {
  version: 2,
  name: 'tickets',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    const create = tableCreator(db, kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';

    // The pull log splits into two streams over one seq: a kiosk's set-up, and what doors need
    // (tickets, keys, revocations, scans: by far the most rows), so each reads one index range.
    await db.schema
      .alterTable('changes')
      .addColumn('stream', 'text', (c) =>
        c
          .notNull()
          .defaultTo('kiosk')
          .check(sql`stream IN ('kiosk', 'door')`),
      )
      .execute();
    await db.schema.dropIndex('changes_by_event').execute();
    await db.schema.dropIndex('changes_by_device').execute();
    await db.schema
      .createIndex('changes_by_event')
      .on('changes')
      .columns(['event_id', 'stream', 'seq'])
      .execute();
    await db.schema
      .createIndex('changes_by_device')
      .on('changes')
      .columns(['device_id', 'stream', 'seq'])
      .execute();

    // Door rules and the capacity occupancy is measured against, per event (one check-in list).
    await create('door_settings', (t) =>
      t
        .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id'))
        .addColumn('capacity', 'integer')
        .addColumn('allow_reentry', 'integer', (c) => c.notNull())
        .addColumn('accept_passes', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull()),
    );

    // Ed25519 keys that sign the event's tickets; the private key as PKCS #8 base64url.
    await create('ticket_keys', (t) =>
      t
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('key_id', 'integer', (c) => c.notNull().check(sql`key_id BETWEEN 0 AND 255`))
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('retired_at', 'text')
        .addPrimaryKeyConstraint('ticket_keys_pk', ['event_id', 'key_id']),
    );

    // The numbers signed tickets carry for their type, and the names the door shows.
    await create('ticket_types', (t) =>
      t
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('number', 'integer', (c) => c.notNull().check(sql`number BETWEEN 0 AND 65535`))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_types_pk', ['event_id', 'number'])
        .addUniqueConstraint('ticket_types_name', ['event_id', 'name']),
    );

    // Imported box-office tickets (by code) and tickets issued here (by ticket id).
    await create('tickets', (t) =>
      t
        .addColumn('source', 'text', (c) => c.notNull().check(sql`source IN ('imported', 'signed')`))
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('type_name', 'text', (c) => c.notNull())
        .addColumn('type_number', 'integer')
        .addColumn('holder', 'text')
        .addColumn('valid_from', 'text')
        .addColumn('valid_to', 'text')
        .addColumn('key_id', 'integer')
        .addColumn('signed_text', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('tickets_pk', ['source', 'ticket_id']),
    );
    await db.schema
      .createIndex('tickets_by_event')
      .on('tickets')
      .columns(['event_id', 'source', 'ticket_id'])
      .execute();

    // Revoked (for good) and blocked (until lifted) tickets and passes.
    await create('ticket_revocations', (t) =>
      t
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('revoked', 'blocked')`))
        .addColumn('reason', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('ticket_revocations_pk', ['source', 'ticket_id']),
    );

    // Door scans as the kiosks pushed them, each id once; server_seq is the seq of its pull change.
    await create('scans', (t) =>
      t
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('device_seq', bigint, (c) => c.notNull())
        .addColumn('scan_seq', bigint, (c) => c.notNull())
        .addColumn('nonce', 'text', (c) => c.notNull())
        .addColumn('gate', 'text', (c) => c.notNull())
        .addColumn('direction', 'text', (c) => c.notNull())
        .addColumn('ticket_key', 'text')
        .addColumn('verdict', 'text', (c) => c.notNull())
        .addColumn('local_time', 'text', (c) => c.notNull())
        .addColumn('corrected_time', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('server_seq', bigint, (c) => c.notNull().unique())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull()),
    );
    await db.schema
      .createIndex('scans_by_ticket')
      .on('scans')
      .columns(['event_id', 'ticket_key', 'server_seq'])
      .execute();
    await db.schema.createIndex('scans_by_event').on('scans').columns(['event_id', 'server_seq']).execute();

    // Admissions that should not have happened, found at merge; both scans stay.
    await create('double_entries', (t) =>
      t
        .addColumn('duplicate_scan_id', 'text', (c) => c.primaryKey().references('scans.id'))
        .addColumn('winner_scan_id', 'text', (c) => c.notNull().references('scans.id'))
        .addColumn('event_id', 'text', (c) => c.notNull().references('events.id'))
        .addColumn('ticket_key', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('while_inside', 'reentry')`))
        .addColumn('duplicate_server_seq', bigint, (c) => c.notNull())
        .addColumn('detected_at', 'text', (c) => c.notNull()),
    );
    await db.schema
      .createIndex('double_entries_by_event')
      .on('double_entries')
      .columns(['event_id', 'duplicate_server_seq'])
      .execute();
  },
};
