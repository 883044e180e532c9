import { join, resolve } from 'node:path';
import { initKiosk } from '../../electron/core/kiosk-setup';
import { CliFailure, EXIT_OK, type CliIo } from '../cli-io';
import { loadDemoDataOnce } from '../demo-data/load-demo-data';
import { DEMO_GATE, demoTicketsDir, prepareDemoTickets } from '../demo-door';
import { DEMO_EVENT, enrolDemoKiosk, startDemoServer } from '../demo-sync';
import { demoFormsDir, findPackageRoot } from '../package-root';
import { parseCli, parsePort } from '../parse-cli';
import { openWebKiosk, runWebKiosk, type OpenWebKiosk } from '../web-kiosk';
import { demoConsoleUsers } from './admin-users';
import { DEFAULT_SERVER_PORT } from './server';

export const DEMO_PIN = '1234';
/** Fixed addresses a newcomer can bookmark; --port 0 picks free ones. */
export const DEMO_KIOSK_PORT = 7041;
export const DEMO_DOOR_PORT = 7042;
/** Named like the demo door, not after the computer, so the console's kiosk lists say what it is. */
export const DEMO_KIOSK_NAME = 'Quiosco de visitantes (demo)';

export const START_USAGE = `Usage: quiosco start [--data DIR] [--port N] [--door-port N] [--server-port N]

The demo: a sync server on SQLite and a kiosk enrolled with it, both with the three demo forms
(staff PIN ${DEMO_PIN} unless changed). The kiosk runs in Electron, or as a web kiosk on
127.0.0.1 where Electron cannot start. Beside it a door kiosk (web, port ${DEMO_DOOR_PORT}) checks
the demo tickets printed as PNGs into DIR/tickets the first time. The first time, the server also
gets the records of three demo kiosks to try the exports on (quiosco admin demo-data).

Options:
  --data DIR          demo data directory (default: .quiosco/demo under the current directory);
                      the kiosk keeps DIR/kiosk, the door kiosk DIR/door, the server DIR/server
  --port N            web kiosk port when it falls back to the web (default ${DEMO_KIOSK_PORT}; 0: any free
                      port, for the door kiosk too)
  --door-port N       door kiosk port (default ${DEMO_DOOR_PORT}; 0: any free port)
  --server-port N     sync server port on 127.0.0.1 (default ${DEFAULT_SERVER_PORT})
  -h, --help          show this help`;

export async function start(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCli({
    args,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      'server-port': { type: 'string' },
      'door-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(START_USAGE);
    return EXIT_OK;
  }
  const port = values.port === undefined ? DEMO_KIOSK_PORT : parsePort(values.port);
  const serverPort =
    values['server-port'] === undefined ? DEFAULT_SERVER_PORT : parsePort(values['server-port']);
  const doorPort =
    values['door-port'] !== undefined ? parsePort(values['door-port']) : port === 0 ? 0 : DEMO_DOOR_PORT;
  const dataDir = resolve(values.data ?? '.quiosco/demo');
  const kioskDir = join(dataDir, 'kiosk');
  const doorDir = join(dataDir, 'door');
  const packageRoot = findPackageRoot();
  const formsDir = demoFormsDir(packageRoot);

  const report = await initKiosk({
    dataDir: kioskDir,
    formsDir,
    defaultPin: DEMO_PIN,
    deviceName: DEMO_KIOSK_NAME,
  });
  io.out(`Demo kiosk data: ${kioskDir}${report.defaultPinInEffect ? ` (staff PIN ${DEMO_PIN})` : ''}`);
  const doorReport = await initKiosk({
    dataDir: doorDir,
    formsDir,
    defaultPin: DEMO_PIN,
    mode: 'door',
    gate: DEMO_GATE,
    deviceName: `${DEMO_GATE} (demo)`,
  });
  let door: OpenWebKiosk | undefined;
  const server = await startDemoServer({
    dataDir: join(dataDir, 'server'),
    port: serverPort,
    formsDir,
  }).catch((e: unknown) => {
    // Most often a demo already running from this or another folder.
    if (e instanceof Error && 'code' in e && e.code === 'EADDRINUSE') {
      throw new CliFailure(
        `port ${serverPort} on 127.0.0.1 is already in use (is a demo already running?): stop it, or choose another port with --server-port (and --port, --door-port for the kiosks), or 0 for any free one`,
      );
    }
    throw e;
  });
  io.out(`Quiosco sync server: ${server.url} (data: ${join(dataDir, 'server')})`);
  try {
    io.out(`Quiosco console: ${server.url}`);
    for (const line of await demoConsoleUsers(server.db)) io.out(line);
    const demoData = await loadDemoDataOnce(server.db, DEMO_EVENT.id);
    if (demoData !== undefined) io.out(demoData);
    for (const line of await prepareDemoTickets(server, demoTicketsDir(dataDir))) io.out(line);
    io.out(await enrolDemoKiosk({ kioskDir, pin: DEMO_PIN, server }));
    io.out(await enrolDemoKiosk({ kioskDir: doorDir, pin: DEMO_PIN, server, label: 'Demo door kiosk' }));
    door = await openWebKiosk({ dataDir: doorDir, port: doorPort, portOption: '--door-port' });
    // Like the visitor kiosk's line: the PIN only while it is still the demo's.
    const doorPin = doorReport.defaultPinInEffect ? `, staff PIN ${DEMO_PIN}` : '';
    io.out(`Quiosco door kiosk (${DEMO_GATE}${doorPin}): ${door.url}`);
    const { launchElectronKiosk } = await import('../electron-launcher');
    const launch = await launchElectronKiosk({ dataDir: kioskDir, packageRoot });
    if (launch.started) return EXIT_OK;
    io.out(`Electron cannot start here (${launch.reason}); running the web kiosk instead.`);
    return await runWebKiosk({ dataDir: kioskDir, port, io });
  } finally {
    await door?.close();
    await server.close();
  }
}
