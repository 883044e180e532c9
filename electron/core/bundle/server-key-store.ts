// The server's bundle key as this kiosk last heard it (at enrolment, then in every pull): a file
// beside the database, so no schema change is needed and a kiosk that never heard one simply has
// none. A USB bundle is sealed to it (write-bundle.ts). docs/sync-protocol.md#sealed-bundles.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BundleKeySchema } from '../../../shared/sync/protocol';
import { fsyncDirectory } from '../../../shared/sync/node/fsync-directory';
import { writeDurably } from '../../../shared/sync/node/write-durably';
import type { KioskDb } from '../db/migrate';

const KEY_FILE = 'server-bundle-key.txt';

const keyFile = (db: KioskDb): string => join(dirname(db.name), KEY_FILE);

/** The key, or undefined when no server told one (or the file is not a key: then bundles stay plain). */
export function readServerBundleKey(db: KioskDb): string | undefined {
  const file = keyFile(db);
  if (!existsSync(file)) return undefined;
  const key = BundleKeySchema.safeParse(readFileSync(file, 'utf8').trim());
  return key.success ? key.data : undefined;
}

/** Keeps the key a server answered; `undefined` (a server with none, at enrolment) forgets the old one. */
export function rememberServerBundleKey(db: KioskDb, key: string | undefined): void {
  if (key === readServerBundleKey(db)) return;
  const file = keyFile(db);
  if (key === undefined) {
    rmSync(file, { force: true });
    fsyncDirectory(dirname(file));
    return;
  }
  writeDurably(dirname(file), file, Buffer.from(`${key}\n`));
}
