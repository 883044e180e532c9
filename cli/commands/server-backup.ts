// `quiosco server backup` and `quiosco server restore`: a consistent copy of the sync server's
// database taken while the server runs (SQLite's online backup, or pg_dump), and putting one back.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { extractPhotoFiles, inlinePhotoFiles } from '../../sync-server/attachments/photo-files-backup';
import { audit } from '../../sync-server/console/audit';
import { SQLITE_FILE, type DatabaseConfig } from '../../sync-server/db/server-database';
import { makePrivateDir, preparePrivateFile } from '../../sync-server/private-files';
import { CliFailure, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli } from '../parse-cli';
import { restoreBundleKey } from './backup-bundle-key';
import { pgDumpSchema, refuseNewerSchema } from './backup-schema';
import { bundleKeyDir } from './bundle-key-dir';
import { cliActor } from './cli-actor';
import { serverDatabaseConfig } from './server';
import { withDatabase } from './with-database';

export const BACKUP_USAGE = `Usage: quiosco server backup --data DIR --out FILE
       DATABASE_URL=postgres://USER@HOST/DB quiosco server backup --out FILE

Copies the sync server's database to FILE while the server keeps running. SQLite (--data): an
online backup of DIR/server.db, one consistent snapshot, with the photos of DIR/photos/ put
inside it (the backup is one file), checked before it is kept. PostgreSQL
(DATABASE_URL): pg_dump's custom format (needs the PostgreSQL client tools). FILE must not exist.
The key kiosks encrypt USB bundles to is in the database, so the backup carries it: keep the
backup as private as the database.

Options:
  --data DIR      the server's data directory (SQLite)
  --out FILE      where the copy goes
  --tls-dir DIR   accepted for older scripts, not needed: the bundle key is in the database
  -h, --help      show this help`;

export const RESTORE_USAGE = `Usage: quiosco server restore --data DIR --from FILE [--force]
       DATABASE_URL=postgres://USER@HOST/DB quiosco server restore --from FILE [--force]

Puts a backup made by "quiosco server backup" back. Stop the server first: restore refuses a
database a running server has open, and one that already holds data, unless --force. On SQLite
the database it replaces is kept beside it as server.db.before-restore-TIME, and the backup's
photos are written to DIR/photos/. The bundle key comes back with the database; a backup made
by an older release has it beside it (FILE.bundle-key.pem), which is put back where that release
kept it (a different one there kept aside) and imported at the server's next start.
A backup made by a newer release (a newer server schema) is refused before anything is replaced.
The restored database's audit log gets a server_restored entry naming the backup's file; if that
entry cannot be written, the restore still stands: a warning says so and the exit code is 0.

Options:
  --data DIR      the server's data directory (SQLite)
  --tls-dir DIR   where an older backup's bundle key goes back (default: --data)
  --from FILE     the backup to restore
  --force         replace a database that holds data (or that a server has open)
  -h, --help      show this help`;

/** Pages copied per step: all of them, so the copy is one read transaction (one snapshot). */
const WHOLE_DATABASE = 1 << 30;

export async function serverBackup(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      // Older scripts pass it (the key was a file beside the certificate); the database has it now.
      'tls-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(BACKUP_USAGE);
    return EXIT_OK;
  }
  if (values.out === undefined || values.out === '') throw new UsageError('--out FILE is required');
  const out = resolve(values.out);
  if (existsSync(out)) throw new CliFailure(`${out} already exists: choose a new file for each backup`);
  if (!existsSync(dirname(out))) throw new CliFailure(`no directory ${dirname(out)} for the backup`);
  const database = serverDatabaseConfig(values.data);
  if (database.kind === 'postgres') {
    runTool('pg_dump', ['--format=custom', '--no-owner', `--file=${out}`, database.url]);
    io.out(`Backed up PostgreSQL to ${out}`);
    return EXIT_OK;
  }
  const file = join(database.dataDir, SQLITE_FILE);
  if (!existsSync(file)) throw new CliFailure(`no server database at ${file}`);
  const partial = `${out}.partial`;
  // A backup holds what the database holds: owner-only from its first byte.
  preparePrivateFile(partial);
  const source = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(partial, { progress: () => WHOLE_DATABASE });
  } finally {
    source.close();
  }
  // Photos kept as files beside the database go into the copy, so a backup stays one file.
  const photos = inlinePhotoFiles(partial, database.dataDir);
  const { counts } = checkCopy(partial);
  renameSync(partial, out);
  io.out(`Backed up ${file} and ${photos} photo files to ${out} (${counts})`);
  return EXIT_OK;
}

export async function serverRestore(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      data: { type: 'string' },
      from: { type: 'string' },
      force: { type: 'boolean' },
      'tls-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(RESTORE_USAGE);
    return EXIT_OK;
  }
  if (values.from === undefined || values.from === '') throw new UsageError('--from FILE is required');
  const from = resolve(values.from);
  if (!existsSync(from)) throw new CliFailure(`no backup at ${from}`);
  const force = values.force === true;
  const database = serverDatabaseConfig(values.data);
  if (database.kind === 'postgres') {
    refuseNewerSchema(
      from,
      pgDumpSchema(runTool('pg_restore', ['--data-only', '--table=schema_migrations', '--file=-', from])),
    );
    // --clean replaces what is there: only with --force when the database holds Quiosco's tables.
    const holdsData = runTool('psql', [
      '-tAc',
      "SELECT to_regclass('schema_migrations') IS NOT NULL",
      database.url,
    ]);
    if (holdsData.trim() === 't' && !force)
      throw new CliFailure('the database already holds a Quiosco server: add --force to replace it');
    runTool('pg_restore', [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      `--dbname=${database.url}`,
      from,
    ]);
    io.out(`Restored ${from} into PostgreSQL`);
    await auditRestore(io, values.data, database, from);
    printIf(io, restoreBundleKey(bundleKeyDir(values['tls-dir'], database), from, new Date()));
    return EXIT_OK;
  }
  const { counts, schema } = checkCopy(from);
  refuseNewerSchema(from, schema);
  const file = join(database.dataDir, SQLITE_FILE);
  if (existsSync(file)) {
    if (inUse(file) && !force)
      throw new CliFailure(`a server has ${file} open: stop it first (or add --force)`);
    if (!force) throw new CliFailure(`${file} already holds a server database: add --force to replace it`);
    const aside = `${file}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(file, aside);
    for (const side of ['-wal', '-shm']) rmSync(`${file}${side}`, { force: true });
    io.out(`Kept the database it replaces as ${aside}`);
  }
  // The database holds personal data and ticket keys: the owner's alone, as the server makes it.
  makePrivateDir(database.dataDir, true);
  preparePrivateFile(`${file}.restoring`, []);
  const copy = new Sqlite(from, { readonly: true, fileMustExist: true });
  try {
    await copy.backup(`${file}.restoring`, { progress: () => WHOLE_DATABASE });
  } finally {
    copy.close();
  }
  const photos = extractPhotoFiles(`${file}.restoring`, database.dataDir);
  renameSync(`${file}.restoring`, file);
  io.out(`Restored ${from} to ${file} and ${photos} photo files (${counts})`);
  await auditRestore(io, values.data, database, from);
  printIf(io, restoreBundleKey(bundleKeyDir(values['tls-dir'], database), from, new Date()));
  return EXIT_OK;
}

/**
 * One entry in the restored database, so that whoever reads its log knows the entries before it
 * came from a backup: the backup's file name (not where it was kept), its size and time, and the
 * kind of database. Opening the database migrates a backup made by an older release, as the
 * server's next start would. The data is back by now: an entry that cannot be written (the database
 * refuses it, or cannot be opened) is a warning, not a failed restore an operator would redo.
 */
async function auditRestore(
  io: CliIo,
  data: string | undefined,
  database: DatabaseConfig,
  from: string,
): Promise<void> {
  const { size, mtime } = statSync(from);
  const detail = {
    backup: basename(from),
    bytes: size,
    backupModifiedAt: mtime.toISOString(),
    database: database.kind,
  };
  try {
    await withDatabase(data, (s) => audit(s, { actor: cliActor(), action: 'server_restored', detail }));
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    io.err(
      `Warning: ${from} was restored, but its server_restored audit entry could not be written ` +
        `(${reason}). The restore stands; the audit log will not show it, so note it elsewhere.`,
    );
  }
}

const printIf = (io: CliIo, line: string | undefined) => {
  if (line !== undefined) io.out(line);
};

/**
 * Refuses a copy that is damaged or not a Quiosco server database; answers its record counts and
 * its newest schema version.
 */
function checkCopy(file: string): { counts: string; schema: number } {
  let db: Sqlite.Database | undefined;
  try {
    db = new Sqlite(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      throw new CliFailure(`${file} is damaged (integrity check: ${String(integrity)})`);
    const count = (table: string) =>
      db?.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? 0;
    const schema =
      db.prepare<[], { v: number | null }>('SELECT max(version) AS v FROM schema_migrations').get()?.v ?? 0;
    const counts = `schema ${count('schema_migrations')}, ${count('submissions')} submissions, ${count('scans')} scans`;
    return { counts, schema };
  } catch (e) {
    if (e instanceof CliFailure) throw e;
    throw new CliFailure(
      `${file} is not a Quiosco server database: ${e instanceof Error ? e.message : String(e)}`,
    );
  } finally {
    db?.close();
  }
}

/**
 * Whether another connection has the database open. A WAL database's connections hold a shared
 * lock for as long as they are open, so taking an exclusive lock without waiting fails.
 */
export function inUse(file: string): boolean {
  const probe = new Sqlite(file, { timeout: 0, fileMustExist: true });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (e) {
    if (e instanceof Sqlite.SqliteError && e.code === 'SQLITE_BUSY') return true;
    throw e;
  } finally {
    probe.close();
  }
}

/** Runs a PostgreSQL client tool, or says plainly that it is missing or what it said. */
function runTool(tool: string, args: string[]): string {
  const result = spawnSync(tool, args, { encoding: 'utf8' });
  if (result.error !== undefined && 'code' in result.error && result.error.code === 'ENOENT')
    throw new CliFailure(
      `${tool} is not installed: install the PostgreSQL client tools (apt-get install postgresql-client)`,
    );
  if (result.status !== 0) throw new CliFailure(`${tool} failed: ${result.stderr.trim()}`);
  return result.stdout;
}
