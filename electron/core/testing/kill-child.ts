// Power loss in tests: runs a writer script as a child process and kills it with SIGKILL a random
// 0-40 ms after its first acknowledgement line; answers the complete lines it printed before dying.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PACKAGE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export function runUntilKilled(script: string, args: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killScheduled = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!killScheduled && stdout.includes('\n')) {
        killScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * 40);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL')
        return reject(new Error(`child ended with code ${code} before the kill:\n${stderr}`));
      // Only complete lines were acknowledged; a torn last line was not.
      resolve(stdout.split('\n').slice(0, -1));
    });
  });
}
