// What the server and its commands write is for the server's owner alone: the database holds
// the ticket signing keys and personal data, print sheets and enrolment QR codes are credentials.
// Modes are set when a file is created (no moment of being world-readable) and again after, for
// a file that existed before with a looser mode.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the directory (and its parents) if needed; owner-only if `own` (the server's data dir). */
export function makePrivateDir(dir: string, own: boolean): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (own) chmodSync(dir, PRIVATE_DIR_MODE);
}

export function writePrivateFile(file: string, data: string | Uint8Array): void {
  writeFileSync(file, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * Makes the file exist owner-only before another library opens it; SQLite gives the -wal and
 * -shm files it creates later the mode of the database file. Existing companions are fixed too.
 */
export function preparePrivateFile(file: string, companions: readonly string[] = []): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, ...companions]) if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}
