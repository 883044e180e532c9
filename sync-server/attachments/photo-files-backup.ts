// An SQLite server keeps its photos as files (photo-storage.ts), but a backup stays one file: the
// copy of the database gets each complete photo's bytes as attachment_chunks rows, the form an
// older server kept them in, and a restore writes them back out as files and drops the rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { writeDurably } from '../../shared/sync/node/write-durably';
import { makePrivateDir } from '../private-files';
import { PHOTOS_FOLDER } from './photo-storage';

/** Bytes per attachment_chunks row in a backup (a restore holds one photo in memory at a time). */
const BACKUP_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * Copies into `copy` (an online backup of the server in `dataDir`, not yet in use) the bytes of
 * every complete photo it kept as a file; answers how many. A complete row always has its file:
 * the file is renamed into place and fsynced before the row says complete, and never removed.
 */
export function inlinePhotoFiles(copy: string, dataDir: string): number {
  const db = new Sqlite(copy, { fileMustExist: true });
  try {
    const names = db
      .prepare<[], { name: string }>(
        `SELECT name FROM attachments a WHERE complete_at IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM attachment_chunks c WHERE c.name = a.name)`,
      )
      .all()
      .map((row) => row.name);
    const insert = db.prepare('INSERT INTO attachment_chunks (name, idx, data) VALUES (?, ?, ?)');
    for (const name of names) {
      const bytes = readFileSync(join(dataDir, PHOTOS_FOLDER, name));
      db.transaction(() => {
        for (let at = 0, idx = 0; at < bytes.length; at += BACKUP_CHUNK_BYTES, idx++)
          insert.run(name, idx, bytes.subarray(at, at + BACKUP_CHUNK_BYTES));
      })();
    }
    return names.length;
  } finally {
    db.close();
  }
}

/**
 * Writes each complete photo of `copy` (a backup being restored, not yet in place) that holds
 * its bytes as rows to a file in `dataDir`'s photos folder (durably: temp, fsync, rename), then
 * drops its rows; answers how many. Incomplete copies stay as they are: the server finds their
 * bytes missing and the kiosk sends them again from 0.
 */
export function extractPhotoFiles(copy: string, dataDir: string): number {
  const db = new Sqlite(copy, { fileMustExist: true });
  const dir = join(dataDir, PHOTOS_FOLDER);
  try {
    const names = db
      .prepare<[], { name: string }>(
        `SELECT DISTINCT a.name FROM attachments a JOIN attachment_chunks c ON c.name = a.name
          WHERE a.complete_at IS NOT NULL ORDER BY a.name`,
      )
      .all()
      .map((row) => row.name);
    if (names.length > 0) makePrivateDir(dir, false);
    const chunks = db.prepare<[string], { data: Buffer }>(
      'SELECT data FROM attachment_chunks WHERE name = ? ORDER BY idx',
    );
    const drop = db.prepare('DELETE FROM attachment_chunks WHERE name = ?');
    for (const name of names) {
      writeDurably(dir, join(dir, name), Buffer.concat(chunks.all(name).map((c) => c.data)));
      drop.run(name);
    }
    return names.length;
  } finally {
    db.close();
  }
}
