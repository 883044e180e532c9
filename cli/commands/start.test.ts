// `quiosco start` when its fixed ports are taken (a demo already running): one line that says
// which port and which option moves it, instead of Node's stack trace.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { EXIT_FAILURE, type CliIo } from '../cli-io';
import { findPackageRoot, rendererDir } from '../package-root';
import { runCli } from '../run-cli';

/** The door kiosk serves the built renderer; without it start stops before reaching the port. */
const built = existsSync(join(rendererDir(findPackageRoot()), 'index.html'));

let dirs: ReturnType<typeof makeTempDir>[] = [];
afterEach(() => {
  for (const d of dirs) d.remove();
  dirs = [];
});

/** Runs `quiosco start` with one port held by another listener; `options(port)` says where it goes. */
async function startWithPortTaken(options: (port: string) => string[], dataRoot?: string) {
  let root = dataRoot;
  if (root === undefined) {
    const dir = makeTempDir('quiosco-start-');
    dirs.push(dir);
    root = dir.path;
  }
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const [out, err]: [string[], string[]] = [[], []];
  const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
  try {
    const code = await runCli(['start', '--data', join(root, 'demo'), ...options(String(port))], io);
    return { dir: root, port, code, err, out };
  } finally {
    blocker.close();
  }
}

describe('quiosco start with one of its ports taken', () => {
  it('says which port and how to choose another, exit code 1, and starts nothing', async () => {
    const { port, code, err, out } = await startWithPortTaken((taken) => [
      '--server-port',
      taken,
      '--port',
      '0',
    ]);
    expect({ code, err }).toEqual({
      code: EXIT_FAILURE,
      err: [
        `quiosco start: port ${port} on 127.0.0.1 is already in use (is a demo already running?): stop it, or choose another port with --server-port (and --port, --door-port for the kiosks), or 0 for any free one`,
      ],
    });
    expect(out.filter((line) => line.startsWith('Quiosco '))).toEqual([]);
  });

  it.skipIf(!built)(
    'names --door-port when the door kiosk port is the taken one (needs npm run build)',
    async () => {
      const { port, code, err, out } = await startWithPortTaken((taken) => [
        ...['--server-port', '0', '--port', '0', '--door-port', taken],
      ]);
      expect({ code, err }).toEqual({
        code: EXIT_FAILURE,
        err: [
          `quiosco start: port ${port} on 127.0.0.1 is already in use: choose another with --door-port, or --door-port 0 for any free one`,
        ],
      });
      expect(out.filter((line) => line.startsWith('Quiosco door kiosk'))).toEqual([]);
    },
  );
});

describe('quiosco start run again', () => {
  it('still names the demo PIN for the visitor kiosk while it is in effect', async () => {
    const first = await startWithPortTaken((taken) => ['--server-port', taken, '--port', '0']);
    const dataDir = join(first.dir, 'demo');
    const again = await startWithPortTaken((taken) => ['--server-port', taken, '--port', '0'], first.dir);
    for (const run of [first, again])
      expect(run.out).toContain(`Demo kiosk data: ${join(dataDir, 'kiosk')} (staff PIN 1234)`);
  });
});
