// Starts real web kiosks (the built `quiosco` command on 127.0.0.1) for e2e tests and benchmarks.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import type { Result } from '../../shared/ipc/result';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const STAFF_PIN = '135790';
const CLI = path.join(ROOT, 'bin', 'quiosco.js');

export type RunningKiosk = { url: string; dataDir: string; child: ChildProcess; stop(): Promise<void> };

/** A kiosk data directory set up with the demo forms, or the forms in `formsDir`. */
export function makeKioskData(formsDir = path.join(ROOT, 'demo', 'forms')): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-'));
  const init = spawnSync(
    process.execPath,
    [CLI, 'kiosk', 'init', '--data', dir, '--pin-stdin', '--forms', formsDir],
    { encoding: 'utf8', input: `${STAFF_PIN}\n` },
  );
  if (init.status !== 0) throw new Error(`kiosk init failed: ${init.stderr}`);
  return dir;
}

/** Spawns `quiosco kiosk --web` on a free port and resolves once it prints its URL. */
export function startKiosk(
  dataDir = makeKioskData(),
  opts: { removeDataOnStop?: boolean } = {},
): Promise<RunningKiosk> {
  const child = spawn(process.execPath, [CLI, 'kiosk', '--web', '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start in 20 s:\n${output}`)), 20_000);
    child.on('exit', (code) => reject(new Error(`kiosk exited with ${code}:\n${output}`)));
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Quiosco kiosk: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({
        url: match[1],
        dataDir,
        child,
        stop: () => stopKiosk(child, dataDir, opts.removeDataOnStop ?? true),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
}

async function stopKiosk(child: ChildProcess, dataDir: string, removeData: boolean): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (removeData) rmSync(dataDir, { recursive: true, force: true });
}

/** Calls the kiosk's HTTP API as the renderer does. */
export async function callKiosk<C extends Channel>(
  kiosk: RunningKiosk,
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  const response = await fetch(new URL(`api/${channel}`, kiosk.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as Result<ChannelOutput<C>>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Changes kiosk settings through the staff API, as the staff screen would. */
export async function configureKiosk(
  kiosk: RunningKiosk,
  change: (settings: ChannelOutput<'staff:config'>['settings']) => void,
): Promise<void> {
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  const { settings } = await callKiosk(kiosk, 'staff:config', { token });
  change(settings);
  await callKiosk(kiosk, 'staff:configure', { token, settings });
  await callKiosk(kiosk, 'staff:lock', { token });
}
