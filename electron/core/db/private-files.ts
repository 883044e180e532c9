// The kiosk data directory holds the device token, the staff PIN hash (a 4-digit PIN falls to an
// offline search in minutes) and visitors' photos: owner-only, whatever umask the kiosk was started with.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/** Files the process creates from here on are 0600 and directories 0700 (SQLite's -wal/-shm too). */
export const PRIVATE_UMASK = 0o077;
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** For the kiosk entry points (Electron main, the web kiosk, kiosk init), before any file is written. */
export function usePrivateUmask(): void {
  process.umask(PRIVATE_UMASK);
}

/** Creates the directory 0700, or tightens an existing one left readable by others. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Before SQLite opens `file`: its directory and the file itself (created empty if missing) become
 * owner-only, and so do -wal/-shm left from before. SQLite gives the -wal and -shm it creates later
 * the database file's mode, so these hold even under a loose umask.
 */
export function tightenDatabaseFiles(file: string): void {
  const dir = dirname(file);
  if (existsSync(dir)) chmodSync(dir, PRIVATE_DIR_MODE);
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(f)) chmodSync(f, PRIVATE_FILE_MODE);
  }
}
