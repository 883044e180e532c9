import { existsSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { kioskDatabasePath } from '../electron/core/db/kiosk-database';
import { RendererMissingError } from '../electron/core/web/web-server';
import { initTestKiosk, makeTempDir, TEST_PIN } from '../electron/core/testing/kiosk-fixtures';
import { CliFailure } from './cli-io';
import { runWebKiosk } from './web-kiosk';

let dirs: ReturnType<typeof makeTempDir>[] = [];
afterEach(() => {
  for (const d of dirs) d.remove();
  dirs = [];
});

async function setup(): Promise<{ dataDir: string; rendererDir: string }> {
  const [data, renderer] = [makeTempDir(), makeTempDir()];
  dirs.push(data, renderer);
  await initTestKiosk(data.path);
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Quiosco</title>');
  return { dataDir: data.path, rendererDir: renderer.path };
}

function capture() {
  const lines: string[] = [];
  let announce: (url: string) => void = () => undefined;
  const url = new Promise<string>((resolve) => (announce = resolve));
  return {
    lines,
    url,
    io: {
      out: (line: string) => {
        lines.push(line);
        const match = /^Quiosco kiosk: (.+)$/.exec(line);
        if (match?.[1]) announce(match[1]);
      },
      err: (line: string) => lines.push(line),
    },
  };
}

describe('runWebKiosk', () => {
  it('serves until staff leave kiosk mode, then closes the database and resolves 0', async () => {
    const { dataDir, rendererDir } = await setup();
    const out = capture();
    const running = runWebKiosk({ dataDir, port: 0, rendererDir, io: out.io });
    const url = await out.url;
    const call = async (channel: string, input: unknown) =>
      (await (
        await fetch(new URL(`api/${channel}`, url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        })
      ).json()) as {
        value: Record<string, string>;
      };
    const { token } = (await call('staff:unlock', { pin: TEST_PIN })).value;
    expect(await call('staff:exit', { token })).toEqual({ ok: true, value: { exited: true } });
    expect(await running).toBe(0);
    expect(out.lines).toEqual([`Quiosco kiosk: ${url}`, 'Quiosco kiosk stopped (staff left kiosk mode).']);
    expect(existsSync(`${kioskDatabasePath(dataDir)}-wal`)).toBe(false);
    await expect(fetch(url)).rejects.toThrow();
  });

  it('says the renderer is not built, closing the database', async () => {
    const { dataDir } = await setup();
    const missing = join(dataDir, 'no-renderer');
    await expect(runWebKiosk({ dataDir, port: 0, rendererDir: missing, io: capture().io })).rejects.toThrow(
      new RendererMissingError(missing),
    );
    expect(existsSync(`${kioskDatabasePath(dataDir)}-wal`)).toBe(false);
  });

  it('says the port is taken', async () => {
    const { dataDir, rendererDir } = await setup();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(runWebKiosk({ dataDir, port, rendererDir, io: capture().io })).rejects.toThrow(
        new CliFailure(
          `port ${port} on 127.0.0.1 is already in use: choose another with --port, or --port 0 for any free one`,
        ),
      );
    } finally {
      blocker.close();
    }
  });
});
