// A bundle file imported as `quiosco import` does it (a private copy, opened with the key, then
// applied), for tests and the memory measurement; the copy goes in the system's temporary directory.
import { tmpdir } from 'node:os';
import type { ServerDb } from '../../db/server-database';
import { FormCache } from '../../sync/form-cache';
import { copyBundle } from '../bundle-copy';
import { importBundle, type BundleImport } from '../import-bundle';
import type { ServerBundleKey } from '../server-bundle-key';

export async function importFile(
  s: ServerDb,
  file: string,
  keys: readonly ServerBundleKey[],
  now: Date,
): Promise<BundleImport> {
  const copy = copyBundle(file, keys, tmpdir());
  try {
    return await importBundle(s, new FormCache(), copy.file, now);
  } finally {
    copy.remove();
  }
}
