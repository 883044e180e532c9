// `quiosco export-kiosk-bundle --device ID --out DIR`: what a pull would bring one kiosk (its
// forms and settings, branding, and for a door its tickets, keys and revocations) with a receipt
// for the records the server holds from it, as one signed file staff load at the kiosk when there
// is no network (docs/sync-protocol.md#usb-bundles).
import { BundleError } from '../../shared/sync/bundle';
import { deviceReceipt, writeKioskBundle } from '../../sync-server/bundle/kiosk-bundle-writer';
import { CliFailure, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { parseCli } from '../parse-cli';
import { withDatabase } from './with-database';

export const EXPORT_KIOSK_BUNDLE_USAGE = `Usage: quiosco export-kiosk-bundle --device ID --out DIR --data DIR
       DATABASE_URL=postgres://USER@HOST/DB quiosco export-kiosk-bundle --device ID --out DIR

Writes one kiosk's set-up and a receipt for its records into DIR (a mounted USB drive) as a
signed .qkiosk file; staff load it at that kiosk (staff screen, USB). The server may keep running.

Options:
  --device ID     the kiosk (quiosco admin devices lists them)
  --out DIR       the directory to write into
  --data DIR      the server's data directory (SQLite)
  -h, --help      show this help`;

export async function exportKioskBundle(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCli({
    args,
    allowPositionals: false,
    options: {
      device: { type: 'string' },
      out: { type: 'string' },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(EXPORT_KIOSK_BUNDLE_USAGE);
    return EXIT_OK;
  }
  const { device, out } = values;
  if (device === undefined || out === undefined || positionals.length > 0) {
    throw new UsageError('name the kiosk (--device ID) and the directory (--out DIR)');
  }
  const written = await withDatabase(values.data, async (s) => {
    const now = new Date();
    try {
      const receipt = await deviceReceipt(s, device, 1);
      const options = { deviceId: device, directory: out, receipt, withStreams: true };
      return await writeToDrive(() => writeKioskBundle(s, options, now), out);
    } catch (e) {
      if (e instanceof BundleError) throw new CliFailure(`${e.code}: ${e.message}; nothing was written`);
      throw e;
    }
  });
  io.out(
    `Wrote ${written.file}: ${written.changes} change(s) in ${written.pages} page(s); ` +
      `receipt through seq ${written.receipt.ackedThroughSeq}, ${written.receipt.photos.length} photo(s)`,
  );
  return EXIT_OK;
}

/** A directory that is missing or read-only is the operator's to fix: said in one line. */
export async function writeToDrive<T>(write: () => Promise<T>, directory: string): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR' || code === 'EROFS') {
      throw new CliFailure(`cannot write into ${directory} (${code}): is the drive mounted and writable?`);
    }
    throw e;
  }
}
