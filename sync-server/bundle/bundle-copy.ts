// A kiosk's USB bundle file as import-bundle.ts reads it: a private copy (owner only, in a fresh
// directory of the server's data directory or the system's temporary one) of the plain bundle,
// so nothing on the drive can change between the pass that verifies it and the pass that applies
// it. A plain bundle (older kiosks, or a kiosk that never heard the server's key) is copied as it
// is; a sealed one is opened with the server's key a chunk at a time into the copy, and every
// chunk authenticates before the copy is answered: a damaged, cut or reordered file is refused
// before anything is imported. Memory stays one chunk whatever the size.
// docs/sync-protocol.md#sealed-bundles.
import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { BundleError } from '../../shared/sync/bundle';
import { isSealedFile, openSealedFile } from '../../shared/sync/node/bundle-seal';
import { PRIVATE_FILE_MODE } from '../private-files';
import type { ServerBundleKey } from './server-bundle-key';

export type BundleCopy = {
  /** The plain bundle's copy. */
  file: string;
  sealed: boolean;
  /** Removes the copy; call it in every outcome. */
  remove(): void;
};

/**
 * Copies (or opens, with the one of `keys` its header names) `file` into a new private directory
 * under `tempDir`; nothing is left on failure.
 */
export function copyBundle(file: string, keys: readonly ServerBundleKey[], tempDir: string): BundleCopy {
  // A FIFO on the drive would block the read for ever, a device (a link to /dev/zero) copy nothing
  // or without end: only a file is a bundle.
  if (!statSync(file).isFile()) throw new BundleError('bundle_malformed', `${file} is not a regular file`);
  const sealed = isSealedFile(file);
  if (sealed && keys.length === 0) throw new BundleError('bundle_server_key_missing');
  // mkdtemp makes the directory owner-only (0700).
  const dir = mkdtempSync(join(tempDir, '.quiosco-import-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const copy = join(dir, 'bundle');
  try {
    if (!sealed) {
      copyFileSync(file, copy);
      chmodSync(copy, PRIVATE_FILE_MODE);
    } else {
      openWithOneOf(file, keys, copy);
    }
  } catch (e) {
    remove();
    throw e;
  }
  return { file: copy, sealed, remove };
}

function openWithOneOf(file: string, keys: readonly ServerBundleKey[], copy: string): void {
  for (const [index, key] of keys.entries()) {
    const fd = openSync(copy, 'wx', PRIVATE_FILE_MODE);
    try {
      openSealedFile(file, key, (bytes) => {
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      });
      return;
    } catch (e) {
      // Another key's file is told apart before a byte is opened: the next key is tried.
      if (!(e instanceof BundleError && e.code === 'bundle_other_server' && index < keys.length - 1)) throw e;
    } finally {
      closeSync(fd);
    }
    rmSync(copy);
  }
}
