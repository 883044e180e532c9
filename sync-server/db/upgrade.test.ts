// Upgrade mid-festival: a server database written by the previous release (server schema 2) opens
// under this build, on SQLite and PostgreSQL, with every row and value kept. The old database is
// built with only that release's migrations and filled as that release wrote it (raw SQL: today's
// stores write columns it lacks).
import { sql, type Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { migratedFrom } from '../testing/migrated-database';
import { DB_KINDS } from '../testing/test-server';
import { MIGRATIONS } from './migrate';
import type { Database } from './schema';
import type { ServerDb } from './server-database';

/** The server schema of the last release before this build. */
const RELEASED_SCHEMA = 2;
/** Every table of schema 2, with the key that orders its rows. */
const RELEASED_TABLES: Record<string, string> = {
  api_tokens: 'id',
  events: 'id',
  forms: 'event_id, form_id, version',
  enrol_codes: 'code_hash',
  devices: 'id',
  device_events: 'device_id, event_id',
  submissions: 'id',
  push_rejections: 'device_id, seq',
  changes: 'seq',
  door_settings: 'event_id',
  ticket_keys: 'event_id, key_id',
  ticket_types: 'event_id, number',
  tickets: 'source, ticket_id',
  ticket_revocations: 'source, ticket_id',
  scans: 'id',
  double_entries: 'duplicate_scan_id',
  schema_migrations: 'version',
};

type Row = Record<string, unknown>;
const T = '2026-11-20T10:00:00.000Z';

async function rowsOf(db: Kysely<Database>, table: string, columns: string[]): Promise<Row[]> {
  const result = await sql<Row>`SELECT ${sql.join(columns.map((c) => sql.ref(c)))} FROM ${sql.table(table)}
    ORDER BY ${sql.raw(RELEASED_TABLES[table] ?? '1')}`.execute(db);
  // bigint columns come back as numbers on both (the pg pool parses int8).
  return result.rows;
}

async function columnsOf(s: ServerDb, table: string): Promise<string[]> {
  const query =
    s.kind === 'sqlite'
      ? sql<{ name: string }>`SELECT name FROM pragma_table_info(${table})`
      : sql<{ name: string }>`SELECT column_name AS name FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`;
  return (await query.execute(s.db)).rows.map((r) => r.name);
}

/** What a schema-2 server holds mid-festival: an event with forms, kiosks, responses, a door. */
async function fillReleasedServer(db: Kysely<Database>): Promise<void> {
  const [kiosk, door] = [uuidv7(), uuidv7()];
  const [scan1, scan2] = [uuidv7(), uuidv7()];
  const run = (query: ReturnType<typeof sql>) => query.execute(db);
  await run(sql`INSERT INTO api_tokens VALUES ('tok1', 'Ana (coordinación)', 'coordinator', 'hash-a', ${T}, NULL),
    ('tok2', 'Luis', 'statistician', 'hash-b', ${T}, ${T})`);
  await run(sql`INSERT INTO events VALUES ('feria-2026', 'Feria del Pulque 2026', ${T})`);
  await run(
    sql`INSERT INTO forms VALUES ('feria-2026', 'encuesta', '2026110101', 'survey', 'Encuesta', '{"fields":[]}', ${T})`,
  );
  await run(sql`INSERT INTO enrol_codes VALUES ('code-h1', 'feria-2026', ${T}, '2026-11-21T10:00:00.000Z', ${T}, ${kiosk}),
    ('code-h2', 'feria-2026', ${T}, '2026-11-21T10:00:00.000Z', NULL, NULL)`);
  await run(sql`INSERT INTO devices VALUES
    (${kiosk}, 'Kiosco 1', 'feria-2026', '[{"formId":"encuesta"}]', 'dh1', ${T}, NULL, 2, ${T}, ${T}, 0, 'quiosco-kiosk/0.1.0', 1),
    (${door}, 'Puerta norte', 'feria-2026', '[]', 'dh2', ${T}, NULL, 1, ${T}, ${T}, 3, 'quiosco-kiosk/0.1.0', 1)`);
  await run(
    sql`INSERT INTO device_events VALUES (${kiosk}, 'feria-2026', ${T}), (${door}, 'feria-2026', ${T})`,
  );
  for (const seq of [1, 2])
    await run(sql`INSERT INTO submissions VALUES (${uuidv7()}, ${kiosk}, ${seq}, 'feria-2026', 'encuesta', '2026110101',
      ${seq - 1}, ${T}, ${T}, ${`h${seq}`}, '{"answers":{"edad":"30_44","nombre":"José Ñúñez"}}')`);
  await run(
    sql`INSERT INTO push_rejections VALUES (${kiosk}, 3, 'x', 'conflict', 'same id, other content', ${T})`,
  );
  await run(sql`INSERT INTO changes (kind, entity_id, event_id, device_id, payload, created_at, stream) VALUES
    ('form', 'encuesta', 'feria-2026', NULL, '{}', ${T}, 'kiosk'),
    ('ticket', 'imported:TAQ-0001', 'feria-2026', NULL, '{}', ${T}, 'door'),
    ('device', ${kiosk}, NULL, ${kiosk}, '{}', ${T}, 'kiosk')`);
  await run(sql`INSERT INTO door_settings VALUES ('feria-2026', 500, 1, 0, ${T})`);
  await run(sql`INSERT INTO ticket_keys VALUES ('feria-2026', 1, 'pub1', 'priv1', ${T}, NULL)`);
  await run(sql`INSERT INTO ticket_types VALUES ('feria-2026', 1, 'General', ${T})`);
  await run(sql`INSERT INTO tickets VALUES
    ('imported', 'TAQ-0001', 'feria-2026', 'General', NULL, 'Ana', NULL, NULL, NULL, NULL, ${T}, ${T}),
    ('signed', 'T1', 'feria-2026', 'General', 1, NULL, '2026-11-20', '2026-11-22', 1, 'QS1...', ${T}, ${T})`);
  await run(
    sql`INSERT INTO ticket_revocations VALUES ('signed', 'T9', 'feria-2026', 'revoked', 'perdido', ${T})`,
  );
  for (const [i, id] of [scan1, scan2].entries())
    await run(sql`INSERT INTO scans VALUES (${id}, 'feria-2026', ${door}, ${i + 1}, ${i + 1}, ${`n${i}`}, 'norte', 'in',
      'imported:TAQ-0001', ${i === 0 ? 'admitted' : 'duplicate'}, ${T}, ${T}, ${T}, ${i + 10}, ${`c${i}`}, '{}')`);
  await run(
    sql`INSERT INTO double_entries VALUES (${scan2}, ${scan1}, 'feria-2026', 'imported:TAQ-0001', 'while_inside', 11, ${T})`,
  );
}

describe.each(DB_KINDS)('a server database of the previous release (schema 2) on %s', (kind) => {
  const before: Record<string, Row[]> = {};
  const oldColumns: Record<string, string[]> = {};

  const m = migratedFrom(kind, RELEASED_SCHEMA + 1, async (old) => {
    await fillReleasedServer(old.db);
    for (const table of Object.keys(RELEASED_TABLES)) {
      oldColumns[table] = await columnsOf(old, table);
      before[table] = await rowsOf(old.db, table, oldColumns[table]);
    }
  });

  it('was filled in every table, so the comparison below means something', () => {
    expect(Object.entries(before).filter(([, rows]) => rows.length === 0)).toEqual([]);
  });

  it('migrates to this build with every row and value kept', async () => {
    const versions = await m.s.db
      .selectFrom('schema_migrations')
      .select('version')
      .orderBy('version')
      .execute();
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((m) => m.version));
    for (const [table, columns] of Object.entries(oldColumns)) {
      const rows = await rowsOf(m.s.db, table, columns);
      // schema_migrations gains the rows of the steps applied now.
      const kept = table === 'schema_migrations' ? rows.slice(0, RELEASED_SCHEMA) : rows;
      expect({ table, rows: kept }).toEqual({ table, rows: before[table] });
    }
  });

  it('leaves the file intact (SQLite) and every reference resolving', async () => {
    if (kind !== 'sqlite') return;
    expect((await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(m.s.db)).rows).toEqual([
      { integrity_check: 'ok' },
    ]);
    expect((await sql`PRAGMA foreign_key_check`.execute(m.s.db)).rows).toEqual([]);
  });
});
