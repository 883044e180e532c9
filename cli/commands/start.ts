import { resolve } from 'node:path';
import { initKiosk } from '../../electron/core/kiosk-setup';
import { EXIT_OK, type CliIo } from '../cli-io';
import { demoFormsDir, findPackageRoot } from '../package-root';
import { parseCli, parsePort } from '../parse-cli';
import { runWebKiosk } from '../web-kiosk';

export const DEMO_PIN = '1234';

export const START_USAGE = `Usage: quiosco start [--data DIR] [--port N]

The demo: sets up a kiosk with the three demo forms (staff PIN ${DEMO_PIN} unless changed) and runs
it in Electron, or as a web kiosk on 127.0.0.1 where Electron cannot start.

Options:
  --data DIR    demo data directory (default: .quiosco/demo under the current directory)
  --port N      web kiosk port when it falls back to the web (default 0: any free port)
  -h, --help    show this help`;

export async function start(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: { data: { type: 'string' }, port: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(START_USAGE);
    return EXIT_OK;
  }
  const port = parsePort(values.port);
  const dataDir = resolve(values.data ?? '.quiosco/demo');
  const packageRoot = findPackageRoot();
  const report = await initKiosk({ dataDir, formsDir: demoFormsDir(packageRoot), defaultPin: DEMO_PIN });
  io.out(`Demo kiosk data: ${dataDir}${report.pinSet ? ` (staff PIN ${DEMO_PIN})` : ''}`);

  const { launchElectronKiosk } = await import('../electron-launcher');
  const launch = await launchElectronKiosk({ dataDir, packageRoot });
  if (launch.started) return EXIT_OK;
  io.out(`Electron cannot start here (${launch.reason}); running the web kiosk instead.`);
  return runWebKiosk({ dataDir, port, io });
}
