// File modes read back from disk after a real kiosk init and open, under a loose umask (0022, the
// usual default): the data directory, the database and SQLite's -wal/-shm must be owner-only.
import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKioskCore } from '../kiosk-core';
import { initTestKiosk, makeTempDir } from '../testing/kiosk-fixtures';
import { kioskDatabasePath } from './kiosk-database';

const mode = (path: string) => statSync(path).mode & 0o777;

let dir: ReturnType<typeof makeTempDir>;
let umaskBefore: number;
beforeEach(() => {
  umaskBefore = process.umask(0o022);
  dir = makeTempDir();
});
afterEach(() => {
  process.umask(umaskBefore);
  dir.remove();
});

/** Opens the core and reads once, so the -wal and -shm exist; answers their modes with the others. */
async function modesWhileOpen(dataDir: string) {
  const db = kioskDatabasePath(dataDir);
  const core = openKioskCore({ dataDir });
  try {
    await core.dispatch('kiosk:bootstrap', {});
    expect(existsSync(`${db}-wal`) && existsSync(`${db}-shm`)).toBe(true);
    return { dir: mode(dataDir), db: mode(db), wal: mode(`${db}-wal`), shm: mode(`${db}-shm`) };
  } finally {
    core.close();
  }
}

const OWNER_ONLY = { dir: 0o700, db: 0o600, wal: 0o600, shm: 0o600 };

describe('kiosk data file modes', () => {
  it('kiosk init creates the directory 0700 and kiosk.db 0600; -wal and -shm follow at 0600', async () => {
    const dataDir = join(dir.path, 'new', 'kiosk');
    await initTestKiosk(dataDir);
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(kioskDatabasePath(dataDir))).toBe(0o600);
    expect(await modesWhileOpen(dataDir)).toEqual(OWNER_ONLY);
  });

  it('tightens a directory and files an older Quiosco left readable by others', async () => {
    const dataDir = join(dir.path, 'kiosk');
    await initTestKiosk(dataDir);
    chmodSync(dataDir, 0o755);
    chmodSync(kioskDatabasePath(dataDir), 0o644);
    expect(await modesWhileOpen(dataDir)).toEqual(OWNER_ONLY);
  });
});
