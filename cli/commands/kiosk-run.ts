import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { kioskDatabasePath } from '../../electron/core/db/kiosk-database';
import { initKiosk } from '../../electron/core/kiosk-setup';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliIo } from '../cli-io';
import { findPackageRoot } from '../package-root';
import { parseCli, parsePort, requireOption } from '../parse-cli';
import { runWebKiosk } from '../web-kiosk';

export const KIOSK_USAGE = `Usage: quiosco kiosk --data DIR [--forms DIR]              (Electron kiosk)
       quiosco kiosk --web --data DIR [--port N] [--forms DIR]  (web kiosk on 127.0.0.1)
       quiosco kiosk init ...                                    (see quiosco kiosk init --help)

Runs the kiosk on a data directory set up with "quiosco kiosk init". The web kiosk prints
"Quiosco kiosk: URL" and serves until Ctrl+C (or staff leave kiosk mode).

Options:
  --data DIR    kiosk data directory
  --web         serve the kiosk to a browser instead of opening the Electron window
  --port N      web kiosk port (default 0: any free port)
  --forms DIR   install the XLSForm CSV trios in DIR before starting
  -h, --help    show this help`;

export async function kioskRun(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      data: { type: 'string' },
      web: { type: 'boolean' },
      port: { type: 'string' },
      forms: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(KIOSK_USAGE);
    return EXIT_OK;
  }
  const dataDir = resolve(requireOption(values.data, 'data'));
  const port = parsePort(values.port);
  if (!values.web && values.port !== undefined)
    throw new UsageError('--port applies only to the web kiosk (--web)');
  if (values.forms !== undefined) {
    await initKiosk({ dataDir, formsDir: resolve(values.forms) });
  } else if (!existsSync(kioskDatabasePath(dataDir))) {
    io.err(
      `quiosco: ${dataDir} is not a kiosk data directory; set it up with "quiosco kiosk init --data ${dataDir}".`,
    );
    return EXIT_FAILURE;
  }
  if (values.web) return runWebKiosk({ dataDir, port, io });

  const { launchElectronKiosk } = await import('../electron-launcher');
  const launch = await launchElectronKiosk({ dataDir, packageRoot: findPackageRoot() });
  if (launch.started) return EXIT_OK;
  io.err(
    `quiosco: cannot start the Electron kiosk: ${launch.reason}. "quiosco kiosk --web --data ${dataDir}" runs it in a browser.`,
  );
  return EXIT_FAILURE;
}
