// The bundle key travels with a backup: `server backup --out FILE` copies it to
// FILE.bundle-key.pem (owner only), and `server restore --from FILE` puts it back, so USB bundles
// kiosks sealed before a restore (or a move to a new computer) still open after it. A file beside
// the copy, because the key is a file beside the certificate, not a row of the database.
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import {
  BUNDLE_KEY_FILE,
  BundleKeyError,
  readBundleKeyFile,
} from '../../sync-server/bundle/server-bundle-key';
import { writePrivateFile } from '../../sync-server/private-files';
import { CliFailure } from '../cli-io';

export const keyBeside = (backup: string): string => `${backup}.bundle-key.pem`;

/** Copies the key kept in `keyDir` beside the backup; answers the line to print, if any. */
export function backUpBundleKey(keyDir: string | undefined, backup: string): string | undefined {
  const key = keyDir === undefined ? undefined : join(keyDir, BUNDLE_KEY_FILE);
  if (key === undefined || !existsSync(key)) return undefined;
  writePrivateFile(keyBeside(backup), readFileSync(key));
  return `Copied the bundle key to ${keyBeside(backup)} (keep it with the backup: it opens kiosks' USB bundles)`;
}

/** Puts the key beside the backup into `keyDir`, a different key there kept aside; answers the line to print. */
export function restoreBundleKey(keyDir: string | undefined, backup: string, now: Date): string | undefined {
  if (keyDir === undefined) return undefined;
  const copy = keyBeside(backup);
  if (!existsSync(copy)) {
    return `No bundle key beside the backup (${copy}): USB bundles sealed to the old server's key cannot be imported here`;
  }
  try {
    readBundleKeyFile(copy);
  } catch (e) {
    throw e instanceof BundleKeyError ? new CliFailure(e.message) : e;
  }
  const bytes = readFileSync(copy);
  const target = join(keyDir, BUNDLE_KEY_FILE);
  if (existsSync(target)) {
    if (readFileSync(target).equals(bytes)) return `The bundle key in ${target} is the backup's already`;
    renameSync(target, `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
  }
  writePrivateFile(target, bytes);
  return `Restored the bundle key to ${target}`;
}
