import { closeSync, openSync, writeSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir, initTestKiosk } from '../testing/kiosk-fixtures';
import { kioskDatabasePath, openKioskDatabase } from './kiosk-database';
import { DatabaseTooNewError, migrate, MIGRATIONS, schemaVersion } from './migrate';
import { initial } from './migrations/0001-initial';
import { DatabaseCorruptError, openDatabase } from './open-database';

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());
const tables = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all()
    .map((r) => r.name);

/** Overwrites bytes of a closed database file. */
function scribble(file: string, offset: number, length: number, byte: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length, byte), 0, length, offset);
  closeSync(fd);
}

describe('migrations', () => {
  it('bring a fresh database to the latest version with every table', () => {
    dir = makeTempDir();
    const db = openKioskDatabase(dir.path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(tables(db)).toEqual([
      'attachments',
      'brand_images',
      'dead_letters',
      'device',
      'door_config',
      'drafts',
      'event_branding',
      'events',
      'forms',
      'outbox',
      'pin_lockout',
      'retired_device_ids',
      'revocations',
      'scans',
      'settings',
      'staff_pin',
      'submissions',
      'sync_state',
      'ticket_keys',
      'tickets',
    ]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('leave an up-to-date database untouched when run again', () => {
    dir = makeTempDir();
    openKioskDatabase(dir.path).close();
    const db = openKioskDatabase(dir.path);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('apply all pending steps in one transaction: a failing step leaves the database as it was', () => {
    dir = makeTempDir();
    const db = openDatabase(kioskDatabasePath(dir.path));
    const broken = {
      version: 2,
      name: 'broken',
      sql: 'CREATE TABLE extra (a INTEGER); INSERT INTO no_such_table VALUES (1);',
    };
    expect(() => migrate(db, [initial, broken])).toThrow('no such table: no_such_table');
    expect(schemaVersion(db)).toBe(0);
    expect(tables(db)).toEqual([]);
    db.close();
  });

  it('0004 keeps the records a version-3 kiosk saved, each its own record at revision 1', () => {
    dir = makeTempDir();
    const db = openDatabase(kioskDatabasePath(dir.path));
    migrate(db, MIGRATIONS.slice(0, 3));
    db.prepare(
      "INSERT INTO forms (form_id, version, kind, definition, imported_at) VALUES ('f', '1', 'survey', '{}', 't')",
    ).run();
    const insert = db.prepare(
      `INSERT INTO submissions (id, form_id, form_version, device_id, event_id, language, complete, answers,
         pass_id, privacy_notice_version, started_at, created_at)
       VALUES (?, 'f', '1', 'd', 'e', 'es', 1, '{"a":"x"}', NULL, NULL, 't0', 't1')`,
    );
    insert.run('rec-1');
    insert.run('rec-2');
    migrate(db, MIGRATIONS.slice(0, 4));
    expect(schemaVersion(db)).toBe(4);
    expect(
      db
        .prepare(
          'SELECT id, record_id, revision, parents, edited_by, current, answers FROM submissions ORDER BY id',
        )
        .all(),
    ).toEqual([
      {
        id: 'rec-1',
        record_id: 'rec-1',
        revision: 1,
        parents: '[]',
        edited_by: null,
        current: 1,
        answers: '{"a":"x"}',
      },
      {
        id: 'rec-2',
        record_id: 'rec-2',
        revision: 1,
        parents: '[]',
        edited_by: null,
        current: 1,
        answers: '{"a":"x"}',
      },
    ]);
    expect(db.prepare('SELECT records_cursor FROM sync_state').all()).toEqual([{ records_cursor: 0 }]);
    db.close();
  });

  it("0005 keeps a version-4 kiosk's PIN and starts it with no lockout", () => {
    dir = makeTempDir();
    const db = openDatabase(kioskDatabasePath(dir.path));
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO staff_pin (singleton, hash, updated_at) VALUES (1, 'scrypt$h', 't')").run();
    migrate(db, MIGRATIONS.slice(0, 5));
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT hash FROM staff_pin').all()).toEqual([{ hash: 'scrypt$h' }]);
    expect(db.prepare('SELECT wrong, lockouts, locked_until FROM pin_lockout').all()).toEqual([
      { wrong: 0, lockouts: 0, locked_until: null },
    ]);
    expect(() =>
      db.prepare('INSERT INTO pin_lockout (singleton, wrong, lockouts) VALUES (2, 0, 0)').run(),
    ).toThrow('CHECK constraint failed');
    db.close();
  });

  it('0006 keeps a version-5 kiosk enrolled over HTTP, unpinned, its outbox numbered as before', () => {
    dir = makeTempDir();
    const db = openDatabase(kioskDatabasePath(dir.path));
    migrate(db, MIGRATIONS.slice(0, 5));
    db.prepare("UPDATE sync_state SET server_url = 'http://10.0.0.2:7040/', device_token = 'qdev_x'").run();
    migrate(db, MIGRATIONS.slice(0, 6));
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT server_url, server_fingerprint, seq_base FROM sync_state').all()).toEqual([
      { server_url: 'http://10.0.0.2:7040/', server_fingerprint: null, seq_base: 0 },
    ]);
    expect(() => db.prepare("UPDATE sync_state SET server_fingerprint = 'AB'").run()).toThrow(
      'CHECK constraint failed',
    );
    expect(() => db.prepare(`UPDATE sync_state SET server_fingerprint = '${'A'.repeat(64)}'`).run()).toThrow(
      'CHECK constraint failed',
    );
    db.prepare(`UPDATE sync_state SET server_fingerprint = '${'a0'.repeat(32)}'`).run();
    expect(() => db.prepare('UPDATE sync_state SET seq_base = -1').run()).toThrow('CHECK constraint failed');
    db.close();
  });

  it('refuse a list whose versions are not 1, 2, 3…', () => {
    dir = makeTempDir();
    const db = openDatabase(kioskDatabasePath(dir.path));
    expect(() => migrate(db, [{ ...initial, version: 2 }])).toThrow(
      'migration "initial" has version 2, expected 1',
    );
    db.close();
  });

  it('refuse a database written by a newer Quiosco', () => {
    dir = makeTempDir();
    const file = kioskDatabasePath(dir.path);
    const newer = new Database(file);
    newer.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    newer.close();
    expect(() => openKioskDatabase(dir.path)).toThrow(DatabaseTooNewError);
    expect(() => openKioskDatabase(dir.path)).toThrow(
      `The kiosk database ${file} has schema version ${MIGRATIONS.length + 1}, but this Quiosco only knows up to version ${MIGRATIONS.length}. ` +
        'It was written by a newer Quiosco: update Quiosco instead of opening it with this one.',
    );
    const after = new Database(file, { readonly: true });
    expect(tables(after)).toEqual([]);
    after.close();
  });
});

describe('integrity check at open', () => {
  it('refuses a database with a damaged page, naming the file and the first problem', async () => {
    dir = makeTempDir();
    await initTestKiosk(dir.path);
    const file = kioskDatabasePath(dir.path);
    scribble(file, 4096, 4096, 0xa5); // page 2: the root page of the first table
    expect(() => openKioskDatabase(dir.path)).toThrow(DatabaseCorruptError);
    expect(() => openKioskDatabase(dir.path)).toThrow(
      `The kiosk database ${file} is damaged (integrity check: Tree 2 page 2: btreeInitPage() returns error code 11). ` +
        'Quiosco will not write to it: keep a copy of the file for recovery and start from a new data directory.',
    );
  });

  it('refuses a file that is not a database at all', async () => {
    dir = makeTempDir();
    await initTestKiosk(dir.path);
    const file = kioskDatabasePath(dir.path);
    scribble(file, 0, 100, 0x5a);
    expect(() => openKioskDatabase(dir.path)).toThrow(
      `The kiosk database ${file} is damaged (integrity check: file is not a database). ` +
        'Quiosco will not write to it: keep a copy of the file for recovery and start from a new data directory.',
    );
  });
});
