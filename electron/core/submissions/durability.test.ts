// A kiosk loses power mid-save: a child process writing submissions through the real core is
// killed with SIGKILL at a random moment, 20 times over one database. Every submission it
// acknowledged must be there afterwards, each with its outbox row, and the file must be sound.
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskDatabasePath } from '../db/kiosk-database';
import { openDatabase } from '../db/open-database';
import { runUntilKilled } from '../testing/kill-child';
import { initTestKiosk, makeTempDir } from '../testing/kiosk-fixtures';

const CHILD = fileURLToPath(new URL('../testing/durability-child.ts', import.meta.url));
const ROUNDS = 20;
// Only a bound for a hung child: each round starts a Node process, which a loaded machine may take
// many seconds to do, so the bound is per round and generous.
const TIMEOUT_MS = ROUNDS * 30_000;

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());

describe('durability', () => {
  it(
    `keeps every acknowledged submission through ${ROUNDS} SIGKILLs`,
    async () => {
      dir = makeTempDir();
      await initTestKiosk(dir.path);
      const acknowledged: string[] = [];
      for (let round = 0; round < ROUNDS; round++)
        acknowledged.push(...(await runUntilKilled(CHILD, [dir.path])));
      expect(acknowledged.length).toBeGreaterThanOrEqual(ROUNDS);
      expect(new Set(acknowledged).size).toBe(acknowledged.length);

      const db = openDatabase(kioskDatabasePath(dir.path));
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const stored = new Set(
          db
            .prepare<[], { id: string }>('SELECT id FROM submissions')
            .all()
            .map((r) => r.id),
        );
        const missing = acknowledged.filter((id) => !stored.has(id));
        expect(missing).toEqual([]);
        // One outbox row per submission (none orphaned either way), numbered 1..n without gaps.
        const outbox = db
          .prepare<[], { seq: number; entity_id: string }>('SELECT seq, entity_id FROM outbox ORDER BY seq')
          .all();
        expect(outbox.map((r) => r.entity_id).sort()).toEqual([...stored].sort());
        expect(outbox.map((r) => r.seq)).toEqual(outbox.map((_, i) => i + 1));
      } finally {
        db.close();
      }
    },
    TIMEOUT_MS,
  );
});
