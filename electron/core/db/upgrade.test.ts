// Upgrade mid-festival: a kiosk database written by the previous release (kiosk schema 3) opens
// under this build with every record kept, and the kiosk goes on saving and queueing after them.
// The old database is built with only the migrations of that release and filled the way that
// release wrote it; forms, settings and the PIN hash come from a real kiosk set-up.
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKioskCore } from '../kiosk-core';
import {
  FORM_VERSION,
  initTestKiosk,
  makeTempDir,
  REGISTRATION_ANSWERS,
  SURVEY_ANSWERS,
  surveySave,
} from '../testing/kiosk-fixtures';
import { kioskDatabasePath, openKioskDatabase } from './kiosk-database';
import { migrate, MIGRATIONS, schemaVersion } from './migrate';
import { openDatabase, type Db } from './open-database';

/** The kiosk schema of the last release before this build. */
const RELEASED_SCHEMA = 3;
/** Every table of schema 3, with the key that orders its rows. */
const RELEASED_TABLES: Record<string, string> = {
  device: 'singleton',
  settings: 'singleton',
  staff_pin: 'singleton',
  forms: 'form_id, version',
  submissions: 'id',
  outbox: 'seq',
  sync_state: 'singleton',
  dead_letters: 'seq',
  events: 'id',
  door_config: 'event_id',
  ticket_keys: 'event_id, key_id',
  tickets: 'ticket_key',
  revocations: 'ticket_key',
  scans: 'id',
};

type Row = Record<string, unknown>;
const rowsOf = (db: Db, table: string, columns = '*'): Row[] =>
  db.prepare<[], Row>(`SELECT ${columns} FROM ${table} ORDER BY ${RELEASED_TABLES[table]}`).all();
const columnsOf = (db: Db, table: string): string[] =>
  db
    .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
    .all()
    .map((c) => c.name);

/** What a schema-3 kiosk in the middle of a festival holds: responses, a queue, a door's state. */
function fillReleasedKiosk(db: Db, template: Db): string {
  const deviceId = uuidv7();
  db.prepare("INSERT INTO device VALUES (1, ?, '2026-11-19T09:00:00.000Z')").run(deviceId);
  for (const table of ['settings', 'staff_pin', 'forms']) {
    for (const row of rowsOf(template, table)) {
      const keys = Object.keys(row);
      db.prepare(
        `INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map((k) => `@${k}`).join(', ')})`,
      ).run(row);
    }
  }
  const submission = db.prepare(
    `INSERT INTO submissions (id, form_id, form_version, device_id, event_id, language, complete, answers,
       pass_id, privacy_notice_version, started_at, created_at)
     VALUES (@id, @form, '${FORM_VERSION}', '${deviceId}', 'feria-2026', @language, @complete, @answers,
       @pass, @notice, @started, @created)`,
  );
  const outbox = db.prepare(
    'INSERT INTO outbox (entity_kind, entity_id, payload, created_at, acked_at) VALUES (?, ?, ?, ?, ?)',
  );
  const responses = [
    { form: 'encuesta_impacto_economico', answers: SURVEY_ANSWERS, complete: 1, pass: null, notice: null },
    {
      form: 'encuesta_impacto_economico',
      answers: { acepta: 'si', pais: 'mx' },
      complete: 0,
      pass: null,
      notice: null,
    },
    {
      form: 'registro_visitantes',
      answers: REGISTRATION_ANSWERS,
      complete: 1,
      pass: 'P-7Q4K',
      notice: '2026-01',
    },
  ];
  responses.forEach((r, i) => {
    const id = uuidv7();
    const created = `2026-11-20T1${i}:05:00.000Z`;
    const row = {
      id,
      ...r,
      language: i === 2 ? 'en' : 'es',
      answers: JSON.stringify(r.answers),
      started: created,
      created,
    };
    submission.run(row);
    // The first was pushed and acknowledged; the others wait for the LAN.
    outbox.run('submission', id, JSON.stringify(row), created, i === 0 ? '2026-11-20T10:06:00.000Z' : null);
  });
  outbox.run(
    'scan',
    uuidv7(),
    JSON.stringify({ gate: 'norte' }),
    '2026-11-20T13:00:00.000Z',
    '2026-11-20T13:00:01.000Z',
  );
  db.prepare(
    `INSERT INTO dead_letters VALUES (4, 'scan', 'x', 'conflict', 'same id, other content', '{"gate":"norte"}', '2026-11-20T13:00:01.000Z')`,
  ).run();
  db.prepare(
    `UPDATE sync_state SET server_url = 'http://192.168.1.10:7040', device_token = 'tok-123', event_id = 'feria-2026',
       enrolled_at = '2026-11-19T09:05:00.000Z', pull_cursor = 17, door_cursor = 5, last_success_at = '2026-11-20T10:06:00.000Z',
       clock_offset_ms = -1200`,
  ).run();
  db.prepare(
    "INSERT INTO events VALUES ('feria-2026', 'Feria del Pulque 2026', '2026-11-01T00:00:00.000Z')",
  ).run();
  db.prepare(
    `INSERT INTO door_config VALUES ('feria-2026', '{"capacity":500,"rules":{"allowReentry":true}}')`,
  ).run();
  db.prepare(
    "INSERT INTO ticket_keys VALUES ('feria-2026', 1, 'MCowBQYDK2VwAyEA', 0), ('feria-2026', 2, 'MCowBQYDK2VwAyEB', 1)",
  ).run();
  db.prepare(
    "INSERT INTO tickets VALUES ('imported:TAQ-0001', 'feria-2026', 'general', 'Ana', NULL, NULL), ('signed:T1', 'feria-2026', 'vip', NULL, '2026-11-20', '2026-11-22')",
  ).run();
  db.prepare(
    "INSERT INTO revocations VALUES ('signed:T9', 'revoked'), ('imported:TAQ-0003', 'blocked')",
  ).run();
  db.prepare(
    `INSERT INTO scans VALUES (?, 'feria-2026', 'imported:TAQ-0001', ?, 1, 'n1', 'norte', 'in', 'admitted',
       '2026-11-20T13:00:00.000Z', '2026-11-20T12:59:59.000Z', 42)`,
  ).run(uuidv7(), deviceId);
  return deviceId;
}

describe(`a kiosk database of the previous release (schema ${RELEASED_SCHEMA})`, () => {
  const dir = makeTempDir();
  const template = makeTempDir();
  let deviceId: string;
  let before: Record<string, Row[]>;
  let oldColumns: Record<string, string[]>;

  beforeAll(async () => {
    await initTestKiosk(template.path);
    const source = new Database(kioskDatabasePath(template.path), { readonly: true });
    const old = openDatabase(kioskDatabasePath(dir.path));
    try {
      migrate(old, MIGRATIONS.slice(0, RELEASED_SCHEMA));
      deviceId = fillReleasedKiosk(old, source);
      oldColumns = Object.fromEntries(Object.keys(RELEASED_TABLES).map((t) => [t, columnsOf(old, t)]));
      before = Object.fromEntries(Object.keys(RELEASED_TABLES).map((t) => [t, rowsOf(old, t)]));
    } finally {
      old.close();
      source.close();
    }
  });
  afterAll(() => {
    dir.remove();
    template.remove();
  });

  it('was filled in every table, so the comparison below means something', () => {
    expect(Object.entries(before).filter(([, rows]) => rows.length === 0)).toEqual([]);
  });

  it('migrates to this build with every row and value kept and the file intact', () => {
    const db = openKioskDatabase(dir.path);
    try {
      expect(schemaVersion(db)).toBe(MIGRATIONS.length);
      for (const [table, columns] of Object.entries(oldColumns))
        expect({ table, rows: rowsOf(db, table, columns.join(', ')) }).toEqual({
          table,
          rows: before[table],
        });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("opens as today's kiosk: same identity, saves on after the old queue, old responses still queued", async () => {
    const core = openKioskCore({ dataDir: dir.path, sync: { auto: false } });
    try {
      expect(core.deviceId).toBe(deviceId);
      const saved = await core.dispatch('submission:save', surveySave());
      expect(saved.ok).toBe(true);
    } finally {
      core.close();
    }
    const db = new Database(kioskDatabasePath(dir.path), { readonly: true });
    try {
      const pending = db
        .prepare<[], { seq: number; entity_kind: string }>(
          'SELECT seq, entity_kind FROM outbox WHERE acked_at IS NULL ORDER BY seq',
        )
        .all();
      expect(pending).toEqual([
        { seq: 2, entity_kind: 'submission' },
        { seq: 3, entity_kind: 'submission' },
        { seq: 5, entity_kind: 'submission' },
      ]);
      expect(
        db.prepare('SELECT count(*) AS n FROM submissions WHERE record_id = id AND current = 1').get(),
      ).toEqual({
        n: 4,
      });
    } finally {
      db.close();
    }
  });
});
