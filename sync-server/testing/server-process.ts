// The sync server as a separate process (`quiosco server`), for benchmarks that should not share
// a CPU with their client, and for tests that kill it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from '../db/server-database';

const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../cli/quiosco.ts', import.meta.url));

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
};

/** Starts `quiosco server` on the database (port 0: any free port) and waits for its URL. */
export async function spawnServerProcess(
  database: DatabaseConfig,
  options: { port?: number; logLevel?: string } = {},
): Promise<ServerProcess> {
  const env = { ...process.env };
  const where: string[] = [];
  if (database.kind === 'postgres') env.DATABASE_URL = database.url;
  else {
    delete env.DATABASE_URL;
    where.push('--data', database.dataDir);
  }
  // Benchmarks measure the server, not TLS: plain HTTP on this computer only.
  const args = [
    'server',
    ...where,
    '--host',
    '127.0.0.1',
    '--port',
    String(options.port ?? 0),
    '--insecure-http',
  ];
  args.push('--log-level', options.logLevel ?? 'silent');
  // QUIOSCO_PROFILE_DIR: the server writes a V8 CPU profile there when it exits (benchmarks).
  const profile = process.env.QUIOSCO_PROFILE_DIR;
  const nodeArgs = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', CLI, ...args], {
    cwd: PACKAGE_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((done) => child.on('exit', done));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const url = await new Promise<string>((done, fail) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /^Quiosco sync server: (http:\/\/127\.0\.0\.1:\d+\/)/m.exec(output);
      if (match?.[1]) done(match[1]);
    });
    void exited.then((code) => fail(new Error(`quiosco server exited with ${code}: ${output}`)));
  });
  return {
    url,
    child,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
