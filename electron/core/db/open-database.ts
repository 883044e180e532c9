// Opens the kiosk's SQLite file with the settings every connection must have, and refuses a
// damaged file up front: a kiosk that keeps writing into a corrupt database loses answers silently.
import Database from 'better-sqlite3';
import { tightenDatabaseFiles } from './private-files';

export type Db = Database.Database;

export type OpenDatabaseOptions = {
  /** Path of a better-sqlite3 addon built for another ABI (Electron's). */
  nativeBinding?: string | undefined;
};

/** How long a statement waits for another connection's lock before failing. */
const BUSY_TIMEOUT_MS = 5000;

export class DatabaseCorruptError extends Error {
  override readonly name = 'DatabaseCorruptError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(
      `The kiosk database ${file} is damaged (integrity check: ${problem}). ` +
        'Quiosco will not write to it: keep a copy of the file for recovery and start from a new data directory.',
    );
  }
}

const isCorruptionError = (e: unknown): e is InstanceType<typeof Database.SqliteError> =>
  e instanceof Database.SqliteError && (e.code === 'SQLITE_NOTADB' || e.code.startsWith('SQLITE_CORRUPT'));

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  tightenDatabaseFiles(file);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS, nativeBinding: options.nativeBinding });
  try {
    checkIntegrity(db, file);
    db.pragma('journal_mode = WAL');
    // FULL: a save is on disk before the visitor sees "thank you", even through a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

function checkIntegrity(db: Db, file: string): void {
  let first: string | undefined;
  try {
    first = db.prepare<[], { integrity_check: string }>('PRAGMA integrity_check').get()?.integrity_check;
  } catch (e) {
    if (isCorruptionError(e)) throw new DatabaseCorruptError(file, e.message);
    throw e;
  }
  // The first report starts with a "*** in database main ***" heading line; the problem follows.
  if (first !== undefined && first !== 'ok')
    throw new DatabaseCorruptError(file, first.replace(/^\*\*\* in database \S+ \*\*\*\n/, ''));
}
