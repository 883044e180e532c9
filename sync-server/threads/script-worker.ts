// Worker threads for the server's CPU-heavy jobs (export encoding, photo thumbnails). From source
// (tests, tsx) the script is TypeScript, so the worker registers tsx before importing it; in the
// bundle build/bundle.js writes each script as plain JavaScript next to the CLI.
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Whether the calling module runs from TypeScript source (its URL ends in .ts). */
export function runsFromSource(moduleUrl: string): boolean {
  return moduleUrl.endsWith('.ts');
}

/** A worker running `script` (a .ts URL from source, a .js URL in the bundle). */
export function startScriptWorker(script: URL, options: WorkerOptions = {}): Worker {
  if (!runsFromSource(script.href)) return new Worker(script, options);
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap =
    `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); ` +
    `return import(${JSON.stringify(script.href)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}
