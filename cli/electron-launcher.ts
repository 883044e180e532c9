// Starts the Electron kiosk, or says in one line why it cannot and lets the caller fall back to
// the web kiosk. Electron fetches its binary on first launch, which fails on a closed network.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export type ElectronLaunch = { dataDir: string; packageRoot: string };

/** The Electron executable, or the reason there is none. Resolved in a child: the lookup may download. */
export function findElectron(packageRoot: string): { path: string } | { reason: string } {
  const probe = spawnSync(
    process.execPath,
    ['-e', "process.stdout.write('\\n@@' + require(process.argv[1]))", 'electron'],
    {
      cwd: packageRoot,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 300_000,
    },
  );
  const found = probe.status === 0 ? /@@(.+)$/.exec(probe.stdout.trim()) : null;
  if (found?.[1] && existsSync(found[1])) return { path: found[1] };
  return { reason: 'the Electron binary is not installed and could not be downloaded' };
}

function ensureNativeAddon(packageRoot: string): string | null {
  const addon = path.join(packageRoot, 'build', 'native', 'electron', 'better_sqlite3.node');
  if (existsSync(addon)) return null;
  const built = spawnSync(process.execPath, [path.join(packageRoot, 'build', 'rebuild-native.js')], {
    stdio: 'inherit',
  });
  return built.status === 0 ? null : 'better-sqlite3 could not be built for Electron';
}

/** Runs the Electron kiosk until it quits; returns the reason when it cannot start. */
export async function launchElectronKiosk(
  opts: ElectronLaunch,
): Promise<{ started: true } | { started: false; reason: string }> {
  const electron = findElectron(opts.packageRoot);
  if ('reason' in electron) return { started: false, reason: electron.reason };
  const addonProblem = ensureNativeAddon(opts.packageRoot);
  if (addonProblem) return { started: false, reason: addonProblem };
  const main = path.join(opts.packageRoot, 'dist', 'electron', 'main.js');
  const child = spawn(electron.path, [main, '--data', opts.dataDir], { stdio: 'inherit' });
  await new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { started: true };
}
