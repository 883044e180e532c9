// The web kiosk as the CLI runs it: `openWebKiosk` starts one (the demo's door kiosk runs beside
// the visitor kiosk), `runWebKiosk` runs one until SIGINT/SIGTERM or staff leave kiosk mode, then
// closes the server and the database cleanly. `quiosco kiosk --web` and the Electron launcher's
// fallback both use it.
import { usePrivateUmask } from '../electron/core/db/private-files';
import { openKioskCore } from '../electron/core/kiosk-core';
import { startWebKiosk } from '../electron/core/web/web-server';
import { CliFailure, EXIT_OK, processIo, type CliIo } from './cli-io';
import { findPackageRoot, rendererDir as builtRendererDir } from './package-root';

export type WebKioskOptions = {
  dataDir: string;
  port: number;
  /** The built renderer; dist/renderer under the package root unless given. */
  rendererDir?: string;
  /** Staff left kiosk mode. */
  onExit?: () => void;
  /** The option that moves this kiosk's port, named when the port is taken (the demo's door has its own). */
  portOption?: string;
};

export type OpenWebKiosk = { url: string; close(): Promise<void> };

export async function openWebKiosk({
  dataDir,
  port,
  rendererDir = builtRendererDir(findPackageRoot()),
  onExit,
  portOption = '--port',
}: WebKioskOptions): Promise<OpenWebKiosk> {
  // Before the core writes anything: photos in media/ and SQLite's -wal/-shm are owner-only.
  usePrivateUmask();
  const core = openKioskCore({ dataDir, onExit });
  try {
    const web = await startWebKiosk({ core, port, rendererDir, dataDir });
    return {
      url: web.url,
      async close() {
        await web.close();
        core.close();
      },
    };
  } catch (e) {
    core.close();
    if (e instanceof Error && 'code' in e && e.code === 'EADDRINUSE') {
      throw new CliFailure(
        `port ${port} on 127.0.0.1 is already in use: choose another with ${portOption}, or ${portOption} 0 for any free one`,
      );
    }
    throw e;
  }
}

export async function runWebKiosk({
  io = processIo,
  ...options
}: Omit<WebKioskOptions, 'onExit'> & { io?: CliIo }): Promise<number> {
  let requestStop: (why: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (requestStop = resolve));
  const web = await openWebKiosk({ ...options, onExit: () => requestStop('staff left kiosk mode') });
  const onSignal = (signal: NodeJS.Signals) => requestStop(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  io.out(`Quiosco kiosk: ${web.url}`);

  const why = await stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await web.close();
  io.out(`Quiosco kiosk stopped (${why}).`);
  return EXIT_OK;
}
