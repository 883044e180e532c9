// Runs the web kiosk until SIGINT/SIGTERM or staff leave kiosk mode, then closes the server and
// the database cleanly. `quiosco kiosk --web` and the Electron launcher's fallback both use it.
import { openKioskCore } from '../electron/core/kiosk-core';
import { startWebKiosk } from '../electron/core/web/web-server';
import { CliFailure, EXIT_OK, processIo, type CliIo } from './cli-io';
import { findPackageRoot, rendererDir as builtRendererDir } from './package-root';

export type RunWebKioskOptions = {
  dataDir: string;
  port: number;
  io?: CliIo;
  /** The built renderer; dist/renderer under the package root unless given. */
  rendererDir?: string;
};

export async function runWebKiosk({
  dataDir,
  port,
  io = processIo,
  rendererDir = builtRendererDir(findPackageRoot()),
}: RunWebKioskOptions): Promise<number> {
  let requestStop: (why: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => (requestStop = resolve));
  const core = openKioskCore({ dataDir, onExit: () => requestStop('staff left kiosk mode') });
  let web;
  try {
    web = await startWebKiosk({ core, port, rendererDir });
  } catch (e) {
    core.close();
    if (e instanceof Error && 'code' in e && e.code === 'EADDRINUSE') {
      throw new CliFailure(
        `port ${port} on 127.0.0.1 is already in use: choose another with --port, or --port 0 for any free one`,
      );
    }
    throw e;
  }
  const onSignal = (signal: NodeJS.Signals) => requestStop(signal);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  io.out(`Quiosco kiosk: ${web.url}`);

  const why = await stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await web.close();
  core.close();
  io.out(`Quiosco kiosk stopped (${why}).`);
  return EXIT_OK;
}
