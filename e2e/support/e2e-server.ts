// A real sync server for a spec: SQLite in a temporary folder of its own, on 127.0.0.1 at a free
// port, not logging; `close` stops it and removes the folder.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSyncServer, type SyncServer } from '../../sync-server/server';

export type E2eServer = { server: SyncServer; dir: string; close(): Promise<void> };

/** `name` marks its folder (quiosco-e2e-NAME-…) for whoever looks in the temporary directory. */
export async function startE2eServer(name: string): Promise<E2eServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `quiosco-e2e-${name}-`));
  const server = await startSyncServer({
    database: { kind: 'sqlite', dataDir: dir },
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
  });
  return {
    server,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
