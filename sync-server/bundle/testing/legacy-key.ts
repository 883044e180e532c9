// The bundle key file the release before made beside the certificate (owner only), for tests of
// an upgrade from it and of restoring its backups.
import { join } from 'node:path';
import { makePrivateDir, writePrivateFile } from '../../private-files';
import { BUNDLE_KEY_FILE, newBundleKey, type ServerBundleKey } from '../server-bundle-key';

export function writeLegacyBundleKey(dir: string): ServerBundleKey {
  const key = newBundleKey();
  makePrivateDir(dir, false);
  writePrivateFile(join(dir, BUNDLE_KEY_FILE), key.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return key;
}
