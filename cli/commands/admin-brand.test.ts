// `quiosco admin event brand` on SQLite and PostgreSQL, in-process against a real server database:
// what it stores is what the server serves; what it refuses leaves the branding as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { pngImage } from '../../sync-server/branding/test-images';
import { readEventBranding } from '../../sync-server/events/event-branding';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  pointDatabaseUrlAt,
  type TestDatabase,
  type TestServer,
} from '../../sync-server/testing/test-server';
import { quioscoOn } from '../testing/run-quiosco';

describe.each(DB_KINDS)('quiosco admin event brand on %s', (kind) => {
  let database: TestDatabase;
  let t: TestServer;
  let eventId: string;
  let tmp: ReturnType<typeof makeTempDir>;
  let restoreDatabaseUrl: () => void;
  const quiosco = quioscoOn(() => database.config);
  const file = (name: string, bytes: Buffer | string) => {
    const path = join(tmp.path, name);
    writeFileSync(path, bytes);
    return path;
  };
  const stored = () => readEventBranding(t.server.db.db, eventId);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    t = await openServerForTest(kind, { database: database.config });
    restoreDatabaseUrl = pointDatabaseUrlAt(database.config);
    eventId = await t.createEvent();
    tmp = makeTempDir('quiosco-brand-');
  });
  afterAll(async () => {
    restoreDatabaseUrl?.();
    tmp?.remove();
    await t?.close();
    await database?.drop();
  });

  it('sets colours, a logo and an attract loop, and says what it saved', async () => {
    const run = await quiosco(
      'admin',
      'event',
      'brand',
      eventId,
      '--colour',
      'background=#4A0E4E',
      '--colour',
      'accent=#FFD23F',
      '--colour',
      'onAccent=#111418',
      '--logo',
      file('logo.png', pngImage(64, 32, [200, 30, 60])),
      '--attract',
      file('uno.png', pngImage(160, 90, [20, 120, 200])),
      '--attract',
      file('dos.png', pngImage(160, 90, [20, 160, 90])),
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Event ${eventId} branding saved; kiosks get it at their next sync.`);
    expect(run.out).toContain(
      'colours: background #4a0e4e, text #ffffff, accent #ffd23f, onAccent #111418, primary #0b4f8a',
    );
    expect(run.out).toMatch(/logo: image\/png 64×32 [0-9a-f]{12}\n/);
    const branding = await stored();
    expect(branding?.attract.map((i) => [i.width, i.height])).toEqual([
      [160, 90],
      [160, 90],
    ]);
  });

  it('refuses low-contrast colours and a fake image with the exact reason, changing nothing', async () => {
    const before = await stored();
    const changes = await t.count('changes', { eventId });
    const lowContrast = await quiosco('admin', 'event', 'brand', eventId, '--colour', 'text=#6a4a6e');
    expect(lowContrast.code).toBe(1);
    expect(lowContrast.err).toContain(
      'colours: text #6a4a6e on background #4a0e4e has a contrast of 1.92:1; WCAG AA needs at least 4.5:1',
    );
    const fake = await quiosco(
      'admin',
      'event',
      'brand',
      eventId,
      '--logo',
      file('logo.jpg', 'MZ not a picture'),
    );
    expect(fake.code).toBe(1);
    expect(fake.err).toContain(
      'logo: not a PNG, JPEG or WebP image (read from its content, whatever its name says)',
    );
    const badName = await quiosco('admin', 'event', 'brand', eventId, '--colour', 'fondo=#000000');
    expect(badName.code).toBe(2);
    expect(badName.err).toContain(
      '--colour takes NAME=#rrggbb with NAME one of background, text, accent, onAccent, primary, not "fondo=#000000"',
    );
    expect(await stored()).toEqual(before);
    expect(await t.count('changes', { eventId })).toBe(changes);
  });

  it('clears the branding back to the kiosks’ own look', async () => {
    const run = await quiosco('admin', 'event', 'brand', eventId, '--clear');
    expect(run.out).toContain(`Event ${eventId} has no branding: kiosks show their own look.`);
    expect(await stored()).toBeNull();
  });
});
