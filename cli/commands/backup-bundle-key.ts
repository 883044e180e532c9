// Backups made by the release before carried the bundle key beside the copy, as
// FILE.bundle-key.pem (the key was a file beside the certificate then). A backup now holds the key
// in its database (server_keys); restoring an older one puts its FILE.bundle-key.pem back where
// that release kept it, and the next `quiosco server` (or `import`) imports it into the database,
// so USB bundles kiosks sealed before still open.
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

/** Puts the key an older backup has beside it into `keyDir`, a different key there kept aside; answers the line to print. */
export function restoreBundleKey(keyDir: string | undefined, backup: string, now: Date): string | undefined {
  const copy = keyBeside(backup);
  if (!existsSync(copy)) return undefined;
  if (keyDir === undefined) {
    return `The backup has a bundle key beside it (${copy}): give --tls-dir DIR to put it back, so USB bundles sealed to it can be imported`;
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
  return `Restored the bundle key to ${target} (the server imports it into the database at its next start)`;
}
