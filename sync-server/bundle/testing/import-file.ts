// A bundle file imported as `quiosco import` does it (a private copy, opened with the key, then
// applied), for tests and the memory measurement; the copy goes in the system's temporary directory.
import { tmpdir } from 'node:os';
import type { ServerDb } from '../../db/server-database';
import { FormCache } from '../../sync/form-cache';
import type { BundleImport } from '../import-bundle';
import { importBundleFile } from '../import-bundle-file';
import type { ServerBundleKey } from '../server-bundle-key';

export function importFile(
  s: ServerDb,
  file: string,
  keys: readonly ServerBundleKey[],
  now: Date,
): Promise<BundleImport> {
  return importBundleFile(s, new FormCache(), file, { keys, tempDir: tmpdir() }, now);
}
