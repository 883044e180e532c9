// A sync server in a child process (see server-child.ts): started, killed (SIGKILL for a crash)
// and started again on the same database, and its memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from '../../sync-server/db/server-database';
import type { AdmissionLimits } from '../../sync-server/sync/push-admission';
import { bundledEntry } from './child-entry';

const CHILD = fileURLToPath(new URL('./server-child.ts', import.meta.url));

export type ServerProcess = {
  url: string;
  port: number;
  pid: number;
  /** Sends the signal and waits until the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** VmRSS and VmHWM (peak) of the process, in MB. */
  memory(): { rssMb: number; peakMb: number };
};

/** `pushAdmission`: the server's admission limits, for a bench comparing them. */
export async function startServerProcess(
  database: DatabaseConfig,
  port = 0,
  pushAdmission?: Partial<AdmissionLimits>,
): Promise<ServerProcess> {
  const args = JSON.stringify({ database, port, pushAdmission });
  const child = spawn(process.execPath, [await bundledEntry(CHILD), args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      reject(new Error(`server process ended (${code ?? signal}) before listening:\n${stderr}`)),
    );
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n')[0];
      if (line === undefined || !stdout.includes('\n')) return;
      const { url, port } = JSON.parse(line) as { url: string; port: number };
      resolve(serverProcess(child, exited, url, port));
    });
  });
}

function serverProcess(child: ChildProcess, exited: Promise<void>, url: string, port: number): ServerProcess {
  const pid = child.pid ?? -1;
  return {
    url,
    port,
    pid,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = (field: string) =>
        Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    },
  };
}
