// Staff in the field lose power mid-record: a child process saving photos and autosaving drafts
// through the real core is killed with SIGKILL at a random moment, 20 times over one data
// directory. Every photo and draft it acknowledged must be there, files matching their hash.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskDatabasePath } from '../db/kiosk-database';
import { openDatabase } from '../db/open-database';
import { runUntilKilled } from '../testing/kill-child';
import { initTestKiosk, makeTempDir } from '../testing/kiosk-fixtures';

const CHILD = fileURLToPath(new URL('../testing/field-durability-child.ts', import.meta.url));
const ROUNDS = 20;

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());

describe('field durability', () => {
  it(`keeps every acknowledged photo and draft through ${ROUNDS} SIGKILLs`, async () => {
    dir = makeTempDir();
    await initTestKiosk(dir.path);
    const photos = new Set<string>();
    /** Per draft, the photos its last acknowledged autosave named. */
    const drafts = new Map<string, string[]>();
    for (let round = 0; round < ROUNDS; round++) {
      for (const line of await runUntilKilled(CHILD, [dir.path])) {
        const [kind, id, names] = line.split(' ');
        if (kind === 'photo') photos.add(String(id));
        else drafts.set(String(id), String(names).split(','));
      }
    }
    expect(photos.size).toBeGreaterThanOrEqual(ROUNDS);

    const db = openDatabase(kioskDatabasePath(dir.path));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set(
        db
          .prepare<[], { name: string }>('SELECT name FROM attachments')
          .all()
          .map((r) => r.name),
      );
      const media = join(dir.path, 'media');
      for (const name of photos) {
        expect(stored.has(name), `row of ${name}`).toBe(true);
        const file = join(media, name);
        expect(existsSync(file), `file of ${name}`).toBe(true);
        expect(`${createHash('sha256').update(readFileSync(file)).digest('hex')}.jpg`).toBe(name);
      }
      const named = new Map(
        db
          .prepare<[], { id: string; answers: string }>('SELECT id, answers FROM drafts')
          .all()
          .map((r) => [
            r.id,
            (JSON.parse(r.answers) as { fotos: { foto: string }[] }).fotos.map((f) => f.foto),
          ]),
      );
      for (const [draftId, acknowledged] of drafts) {
        // The stored draft is the acknowledged one, or one save newer that committed unacknowledged.
        expect(named.get(draftId)?.slice(0, acknowledged.length), `draft ${draftId}`).toEqual(acknowledged);
      }
      // No draft names a photo that is not whole on disk.
      for (const names of named.values()) for (const name of names) expect(stored.has(name)).toBe(true);
    } finally {
      db.close();
    }
  }, 180_000);
});
