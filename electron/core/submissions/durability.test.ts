// A kiosk loses power mid-save: a child process writing submissions through the real core is
// killed with SIGKILL at a random moment, 20 times over one database. Every submission it
// acknowledged must be there afterwards, each with its outbox row, and the file must be sound.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskDatabasePath } from '../db/kiosk-database';
import { openDatabase } from '../db/open-database';
import { initTestKiosk, makeTempDir } from '../testing/kiosk-fixtures';

const CHILD = fileURLToPath(new URL('../testing/durability-child.ts', import.meta.url));
const PACKAGE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const ROUNDS = 20;

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());

/** Starts the child, kills it 0-40 ms after its first acknowledged save, returns the ids it acknowledged. */
function runAndKill(dataDir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killScheduled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!killScheduled && stdout.includes('\n')) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL')
        return reject(new Error(`child ended with code ${code} before the kill:\n${stderr}`));
      // Only complete lines were acknowledged; a torn last line was not.
      resolve(stdout.split('\n').slice(0, -1));
    });
  });
}

describe('durability', () => {
  it(`keeps every acknowledged submission through ${ROUNDS} SIGKILLs`, async () => {
    dir = makeTempDir();
    await initTestKiosk(dir.path);
    const acknowledged: string[] = [];
    for (let round = 0; round < ROUNDS; round++) acknowledged.push(...(await runAndKill(dir.path)));
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
  }, 60_000);
});
