// `quiosco import FILE`: a USB bundle written by a kiosk without network, applied to the sync
// server's database with the push's semantics (docs/sync-protocol.md#usb-bundles). Importing the
// same bundle again adds nothing; a cut, damaged or forged bundle is refused whole.
import { tmpdir } from 'node:os';
import { BundleError } from '../../shared/sync/bundle';
import type { BundleImport } from '../../sync-server/bundle/import-bundle';
import { importBundleFile } from '../../sync-server/bundle/import-bundle-file';
import { deviceReceipt, writeKioskBundle } from '../../sync-server/bundle/kiosk-bundle-writer';
import {
  BundleKeyError,
  importLegacyBundleKey,
  serverBundleKeys,
  type ServerBundleKey,
} from '../../sync-server/bundle/server-bundle-key';
import type { ServerDb } from '../../sync-server/db/server-database';
import { SyncError } from '../../sync-server/sync-error';
import { FormCache } from '../../sync-server/sync/form-cache';
import { CliFailure, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli } from '../parse-cli';
import { bundleKeyDir } from './bundle-key-dir';
import { writeToDrive } from './export-kiosk-bundle';
import { serverDatabaseConfig } from './server-database-config';
import { withDatabase } from './with-database';

export const IMPORT_USAGE = `Usage: quiosco import FILE --data DIR [--receipt-out DIR]
       DATABASE_URL=postgres://USER@HOST/DB quiosco import FILE --tls-dir DIR [--receipt-out DIR]

Applies a kiosk's USB bundle (.qbundle) as if the kiosk had pushed it: records already on the
server are skipped, refused records are listed, photos are stored. The server may keep running.
A bundle encrypted to this server's key is opened with the key kept in its database (a
bundle-key.pem an older release left beside the certificate is imported first); a plain bundle
(an older kiosk's) is imported as it is.

Options:
  --data DIR          the server's data directory (SQLite)
  --tls-dir DIR       where an older release kept the bundle key (bundle-key.pem), if anywhere
                      but the --data directory
  --receipt-out DIR   also write a receipt (.qkiosk) there for the kiosk to load: it marks the
                      records and photos the server now holds as sent, so the kiosk stops keeping
                      them pending
  -h, --help      show this help`;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      'receipt-out': { type: 'string' },
      'tls-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(IMPORT_USAGE);
    return EXIT_OK;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('name one bundle file');
  const database = serverDatabaseConfig(values.data);
  const legacyDir = bundleKeyDir(values['tls-dir'], database);
  // Opened on the server's disk rather than a RAM-backed /tmp when it has one (SQLite).
  const tempDir = database.kind === 'sqlite' ? database.dataDir : tmpdir();
  const receiptOut = values['receipt-out'];
  const { result, receipt } = await withDatabase(values.data, async (s) => {
    const now = new Date();
    const keys = await keysOf(s, legacyDir, now);
    let imported: BundleImport;
    try {
      imported = await importBundleFile(s, new FormCache(), file, { keys, tempDir }, now);
    } catch (e) {
      if (e instanceof BundleError) throw refused(e);
      // The push's refusals (a seq gap, a cloned device): told as the CLI tells any, not a stack.
      if (e instanceof SyncError) throw new CliFailure(`${e.code}: ${e.message}`);
      // The file system's own errors (no such file, not allowed) name a path; a database's do not.
      if (e instanceof Error && 'path' in e) throw new CliFailure(`cannot read ${file}: ${e.message}`);
      throw e;
    }
    if (receiptOut === undefined) return { result: imported, receipt: undefined };
    const held = await deviceReceipt(s, imported.deviceId, imported.fromSeq, imported.photos);
    const options = { deviceId: imported.deviceId, directory: receiptOut, receipt: held, withStreams: false };
    return {
      result: imported,
      receipt: await writeToDrive(() => writeKioskBundle(s, options, now), receiptOut),
    };
  });
  io.out(
    `Device ${result.deviceId}: ${result.newChanges} new change(s), settled through seq ${result.ackedThroughSeq}; ` +
      `photos ${result.photosStored} stored, ${result.photosAlreadyThere} already there, ${result.photosUnclaimed} not named by a stored record`,
  );
  for (const r of result.rejected) io.out(`  refused seq ${r.seq} (${r.id}): ${r.code} — ${r.message}`);
  if (receipt !== undefined) io.out(`Receipt for the kiosk: ${receipt.file}`);
  return EXIT_OK;
}

const refused = (e: BundleError) => new CliFailure(`${e.code}: ${e.message}; nothing was imported`);

/** The keys kept in the database, a bundle-key.pem of the release before imported first. */
async function keysOf(s: ServerDb, legacyDir: string | undefined, now: Date): Promise<ServerBundleKey[]> {
  try {
    await importLegacyBundleKey(s, legacyDir, now);
    return await serverBundleKeys(s);
  } catch (e) {
    throw e instanceof BundleKeyError ? new CliFailure(e.message) : e;
  }
}
