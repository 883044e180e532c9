// Opens a SQLite server database and ensures its bundle key, as a server's start does, printing
// the public key: two of these at once are two servers starting on one file (in one process,
// better-sqlite3 would wait for the file's lock while holding the event loop the other needs).
import { openServerDatabase } from '../../db/server-database';
import { ensureServerBundleKey } from '../server-bundle-key';

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) throw new Error('usage: ensure-key.ts DATA_DIR');
const s = await openServerDatabase({ kind: 'sqlite', dataDir });
try {
  process.stdout.write(`${(await ensureServerBundleKey(s, undefined, new Date())).publicKey}\n`);
} finally {
  await s.close();
}
