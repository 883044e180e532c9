// Migration 7 on a kiosk database of schema 6: enrolled and mid-pull, it keeps its enrolment and
// cursors, pulls branding from the start, and stores branding images only under a real hash.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/kiosk-fixtures';
import { kioskDatabasePath } from '../kiosk-database';
import { migrate, MIGRATIONS, schemaVersion } from '../migrate';
import { openDatabase } from '../open-database';

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());

describe('kiosk migration 7 (branding)', () => {
  it('keeps a version-6 kiosk enrolled with its cursors, its branding cursor at 0', () => {
    dir = makeTempDir();
    const db = openDatabase(kioskDatabasePath(dir.path));
    migrate(db, MIGRATIONS.slice(0, 6));
    db.prepare(
      "UPDATE sync_state SET server_url = 'http://10.0.0.2:7040/', device_token = 'qdev_x', pull_cursor = 41, records_cursor = 7",
    ).run();
    migrate(db, MIGRATIONS.slice(0, 7));
    expect(schemaVersion(db)).toBe(7);
    expect(
      db
        .prepare(
          'SELECT server_url, device_token, pull_cursor, records_cursor, branding_cursor FROM sync_state',
        )
        .all(),
    ).toEqual([
      {
        server_url: 'http://10.0.0.2:7040/',
        device_token: 'qdev_x',
        pull_cursor: 41,
        records_cursor: 7,
        branding_cursor: 0,
      },
    ]);
    const insert = db.prepare(
      "INSERT INTO brand_images (sha256, content_type, bytes, stored_at) VALUES (?, ?, x'00', 't')",
    );
    insert.run('ab'.repeat(32), 'image/png');
    expect(() => insert.run('AB'.repeat(32), 'image/png')).toThrow('CHECK constraint failed');
    expect(() => insert.run('cd'.repeat(32), 'image/svg+xml')).toThrow('CHECK constraint failed');
    expect(db.prepare('SELECT count(*) AS n FROM event_branding').get()).toEqual({ n: 0 });
    db.close();
  });
});
