// Migration 8 on a kiosk database of schema 7 holding photos and drawings, one already uploaded:
// every row is kept as it was, and the rebuilt table takes recordings and documents (no
// dimensions) while still refusing foreign names, types, and images without dimensions.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../testing/kiosk-fixtures';
import { kioskDatabasePath } from '../kiosk-database';
import { migrate, MIGRATIONS, schemaVersion } from '../migrate';
import { openDatabase } from '../open-database';

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());

const PHOTO = {
  name: `${'a'.repeat(64)}.jpg`,
  mime: 'image/jpeg',
  size: 1200,
  width: 2048,
  height: 1536,
  created_at: '2026-05-01T10:00:00.000Z',
  uploaded_at: '2026-05-01T10:05:00.000Z',
};
const DRAWING = {
  name: `${'b'.repeat(64)}.png`,
  mime: 'image/png',
  size: 300,
  width: 800,
  height: 400,
  created_at: '2026-05-01T10:01:00.000Z',
  uploaded_at: null,
};

describe('kiosk migration 8 (media attachments)', () => {
  it("keeps a version-7 kiosk's photos and takes recordings and documents", () => {
    dir = makeTempDir();
    const db = openDatabase(kioskDatabasePath(dir.path));
    migrate(db, MIGRATIONS.slice(0, 7));
    const insert = db.prepare(
      `INSERT INTO attachments (name, mime, size, width, height, created_at, uploaded_at)
       VALUES (@name, @mime, @size, @width, @height, @created_at, @uploaded_at)`,
    );
    insert.run(PHOTO);
    insert.run(DRAWING);
    const audio = {
      ...DRAWING,
      name: `${'c'.repeat(64)}.weba`,
      mime: 'audio/webm',
      width: null,
      height: null,
    };
    expect(() => insert.run(audio)).toThrow('NOT NULL constraint failed: attachments.width');

    migrate(db);
    expect(schemaVersion(db)).toBe(8);
    expect(db.prepare('SELECT * FROM attachments ORDER BY name').all()).toEqual([PHOTO, DRAWING]);
    expect(db.prepare('SELECT name FROM attachments WHERE uploaded_at IS NULL').all()).toEqual([
      { name: DRAWING.name },
    ]);
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'attachments_waiting'").get(),
    ).toEqual({ n: 1 });

    insert.run(audio);
    insert.run({ ...audio, name: `${'d'.repeat(64)}.mp4`, mime: 'video/mp4' });
    insert.run({ ...audio, name: `${'e'.repeat(64)}.pdf`, mime: 'application/pdf' });
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 5 });

    const refused = [
      { ...audio, name: `${'f'.repeat(64)}.exe`, mime: 'audio/webm' },
      { ...audio, name: `${'F'.repeat(64)}.weba` },
      { ...audio, name: `${'f'.repeat(63)}.weba` },
      { ...audio, name: `${'f'.repeat(64)}.html`, mime: 'text/html' },
      { ...audio, name: `${'f'.repeat(64)}.weba`, mime: 'application/x-msdownload' },
      { ...PHOTO, name: `${'f'.repeat(64)}.jpg`, width: null, height: null },
      { ...audio, name: `${'f'.repeat(64)}.weba`, width: 10, height: 10 },
    ];
    for (const row of refused) expect(() => insert.run(row), row.name).toThrow('CHECK constraint failed');
    expect(db.prepare('SELECT count(*) AS n FROM attachments').get()).toEqual({ n: 5 });
    db.close();
  });
});
