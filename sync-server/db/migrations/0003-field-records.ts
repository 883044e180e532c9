import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../schema';
import { tableCreator, type ServerMigration } from './migration';

// Frozen here, not read from PullStreamSchema: a migration must mean the same thing forever.
const STREAMS = sql`stream IN ('kiosk', 'door', 'records')`;

export const fieldRecords: ServerMigration = {
  version: 3,
  name: 'field-records',
  async up(db: Kysely<unknown>, kind: DatabaseKind) {
    const create = tableCreator(db, kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';

    // Revisions of field records: every stored submission is a revision of a record (a visitor
    // response is the only revision of its own record). `current` is 0 once another stored
    // revision of the record names it as a parent; two current rows of one record are a conflict.
    if (kind === 'postgres') {
      await sql`ALTER TABLE submissions ADD COLUMN record_id text`.execute(db);
      await sql`UPDATE submissions SET record_id = id`.execute(db);
      await sql`ALTER TABLE submissions ALTER COLUMN record_id SET NOT NULL`.execute(db);
      await sql`ALTER TABLE submissions
        ADD COLUMN revision integer NOT NULL DEFAULT 1,
        ADD COLUMN parents text NOT NULL DEFAULT '[]',
        ADD COLUMN edited_by text,
        ADD COLUMN current integer NOT NULL DEFAULT 1`.execute(db);
      // Named by PostgreSQL after the column when 0002 created it.
      await sql`ALTER TABLE changes DROP CONSTRAINT changes_stream_check`.execute(db);
      await sql`ALTER TABLE changes ADD CONSTRAINT changes_stream_check CHECK (${STREAMS})`.execute(db);
    } else {
      await rebuildSqliteSubmissions(db);
      await rebuildSqliteChanges(db);
    }
    await db.schema
      .createIndex('submissions_by_record')
      .on('submissions')
      .columns(['record_id', 'current'])
      .execute();

    // Photos, by the name answers hold ("<sha256>.jpg"): the size announced by the first chunk,
    // the bytes stored so far, and when the whole was verified against the name's hash.
    await create('attachments', (t) =>
      t
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('mime', 'text', (c) => c.notNull())
        .addColumn('size', bigint, (c) => c.notNull())
        .addColumn('received', bigint, (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('complete_at', 'text'),
    );
    // The bytes, in the database so every server process on one PostgreSQL serves them: one row
    // per accepted upload chunk; the attachment is the concatenation in idx order.
    await create('attachment_chunks', (t) =>
      t
        .addColumn('name', 'text', (c) => c.notNull().references('attachments.name'))
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('data', kind === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addPrimaryKeyConstraint('attachment_chunks_pk', ['name', 'idx']),
    );
    // Which stored revisions name which photo (from the image answers, repeats included): an
    // upload is accepted only for a name a record names, and read only by who may see that record.
    await create('record_attachments', (t) =>
      t
        .addColumn('submission_id', 'text', (c) => c.notNull().references('submissions.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('record_attachments_pk', ['submission_id', 'name']),
    );
    await db.schema
      .createIndex('record_attachments_by_name')
      .on('record_attachments')
      .column('name')
      .execute();
  },
};

/** SQLite cannot add a NOT NULL column without a default: the table is copied into its new shape. */
async function rebuildSqliteSubmissions(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE submissions_new (
    id text PRIMARY KEY,
    device_id text NOT NULL REFERENCES devices (id),
    device_seq integer NOT NULL,
    event_id text NOT NULL REFERENCES events (id),
    form_id text NOT NULL,
    form_version text NOT NULL,
    complete integer NOT NULL,
    created_at text NOT NULL,
    received_at text NOT NULL,
    content_hash text NOT NULL,
    payload text NOT NULL,
    record_id text NOT NULL,
    revision integer NOT NULL DEFAULT 1,
    parents text NOT NULL DEFAULT '[]',
    edited_by text,
    current integer NOT NULL DEFAULT 1
  ) STRICT`.execute(db);
  await sql`INSERT INTO submissions_new (id, device_id, device_seq, event_id, form_id, form_version,
      complete, created_at, received_at, content_hash, payload, record_id)
    SELECT id, device_id, device_seq, event_id, form_id, form_version,
      complete, created_at, received_at, content_hash, payload, id
    FROM submissions`.execute(db);
  await sql`DROP TABLE submissions`.execute(db);
  await sql`ALTER TABLE submissions_new RENAME TO submissions`.execute(db);
  await db.schema.createIndex('submissions_by_event').on('submissions').columns(['event_id', 'id']).execute();
}

/**
 * SQLite cannot change a CHECK constraint: the pull log is copied with its seqs (allowing `streams`), and the
 * AUTOINCREMENT high-water mark carried over so no seq is ever handed out twice.
 */
export async function rebuildSqliteChanges(
  db: Kysely<unknown>,
  streams: RawBuilder<unknown> = STREAMS,
): Promise<void> {
  await sql`CREATE TABLE changes_new (
    seq integer PRIMARY KEY AUTOINCREMENT,
    kind text NOT NULL,
    entity_id text NOT NULL,
    event_id text REFERENCES events (id),
    device_id text REFERENCES devices (id),
    payload text NOT NULL,
    created_at text NOT NULL,
    stream text NOT NULL DEFAULT 'kiosk' CHECK (${streams}),
    CONSTRAINT changes_scope CHECK ((event_id IS NULL) <> (device_id IS NULL))
  ) STRICT`.execute(db);
  await sql`INSERT INTO changes_new (seq, kind, entity_id, event_id, device_id, payload, created_at, stream)
    SELECT seq, kind, entity_id, event_id, device_id, payload, created_at, stream FROM changes`.execute(db);
  const mark = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'changes'`.execute(db);
  await sql`DROP TABLE changes`.execute(db);
  await sql`ALTER TABLE changes_new RENAME TO changes`.execute(db);
  const highest = mark.rows[0]?.seq ?? 0;
  await sql`UPDATE sqlite_sequence SET seq = max(seq, ${highest}) WHERE name = 'changes'`.execute(db);
  await sql`INSERT INTO sqlite_sequence (name, seq)
    SELECT 'changes', ${highest} WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'changes')`.execute(
    db,
  );
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
}
