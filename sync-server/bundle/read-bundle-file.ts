// A kiosk's USB bundle file as the text import-bundle.ts checks: a plain bundle (older kiosks, or
// a kiosk that never heard the server's key) as it is, a sealed one opened with the server's key.
// Every chunk of a sealed file authenticates before the text is answered, so a damaged, cut or
// reordered file is refused before anything is imported. docs/sync-protocol.md#sealed-bundles.
import { readFileSync } from 'node:fs';
import { BundleError } from '../../shared/sync/bundle';
import { isSealedFile, openSealedFile } from '../../shared/sync/node/bundle-seal';
import type { ServerBundleKey } from './server-bundle-key';

export type BundleText = { text: string; sealed: boolean };

export function readBundleFile(file: string, key: ServerBundleKey | undefined): BundleText {
  if (!isSealedFile(file)) return { text: readFileSync(file, 'utf8'), sealed: false };
  if (key === undefined) throw new BundleError('bundle_server_key_missing');
  const parts: Buffer[] = [];
  openSealedFile(file, key, (bytes) => parts.push(bytes));
  return { text: Buffer.concat(parts).toString('utf8'), sealed: true };
}
