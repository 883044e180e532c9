// A bundle file imported as `quiosco import` and the console's upload take it: a private copy
// (opened with the server's key when sealed, bundle-copy.ts), verified whole and applied
// (import-bundle.ts), the copy removed whatever the outcome.
import type { ServerDb } from '../db/server-database';
import type { FormCache } from '../sync/form-cache';
import { copyBundle } from './bundle-copy';
import { importBundle, type BundleImport } from './import-bundle';
import type { ServerBundleKey } from './server-bundle-key';

export async function importBundleFile(
  s: ServerDb,
  forms: FormCache,
  file: string,
  options: { keys: readonly ServerBundleKey[]; tempDir: string },
  now: Date,
): Promise<BundleImport> {
  const copy = copyBundle(file, options.keys, options.tempDir);
  try {
    return await importBundle(s, forms, copy.file, now);
  } finally {
    copy.remove();
  }
}
