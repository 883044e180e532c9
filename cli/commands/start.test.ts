// `quiosco start` when its fixed ports are taken (a demo already running): one line that says
// which port and which option moves it, instead of Node's stack trace.
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { EXIT_FAILURE, type CliIo } from '../cli-io';
import { runCli } from '../run-cli';

let dirs: ReturnType<typeof makeTempDir>[] = [];
afterEach(() => {
  for (const d of dirs) d.remove();
  dirs = [];
});

describe('quiosco start with the server port taken', () => {
  it('says which port and how to choose another, exit code 1, and starts nothing', async () => {
    const dir = makeTempDir('quiosco-start-');
    dirs.push(dir);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    const [out, err]: [string[], string[]] = [[], []];
    const io: CliIo = { out: (line) => out.push(line), err: (line) => err.push(line) };
    try {
      const code = await runCli(
        ['start', '--data', join(dir.path, 'demo'), '--server-port', String(port), '--port', '0'],
        io,
      );
      expect({ code, err }).toEqual({
        code: EXIT_FAILURE,
        err: [
          `quiosco start: port ${port} on 127.0.0.1 is already in use (is a demo already running?): stop it, or choose another port with --server-port (and --port, --door-port for the kiosks), or 0 for any free one`,
        ],
      });
      expect(out.filter((line) => line.startsWith('Quiosco '))).toEqual([]);
    } finally {
      blocker.close();
    }
  });
});
