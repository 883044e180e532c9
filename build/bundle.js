// Builds what runs outside the test runner: the node side (CLI, Electron main, preload) with
// esbuild, the renderer and the web console with Vite. Dependencies stay external so
// better-sqlite3 loads its own native binding.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
rmSync(`${root}dist`, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};
await Promise.all([
  build({
    ...common,
    format: 'esm',
    // Chunks, so that the CLI loads a command's dependencies only when that command runs
    // (cli/run-cli.ts imports each command on demand).
    splitting: true,
    // export-worker: the threads that share a big export's encoding (sync-server/exports/encoder-pool.ts);
    // thumbnail-worker: the console's photo thumbnails (sync-server/console/thumbnail-thread.ts).
    entryPoints: {
      cli: 'cli/quiosco.ts',
      'electron/main': 'electron/main.ts',
      'export-worker': 'sync-server/exports/encoder-worker.ts',
      'thumbnail-worker': 'sync-server/console/thumbnail-worker.ts',
    },
    outdir: 'dist',
  }),
  // Sandboxed preloads must be CommonJS.
  build({
    ...common,
    format: 'cjs',
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
  }),
]);
await viteBuild({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
// The console's form preview: the same renderer in "preview" mode (no kiosk core: its
// transport is renderer/src/api/preview-transport.ts), served by the sync server under /preview/.
await viteBuild({
  configFile: `${root}vite.config.ts`,
  logLevel: 'warn',
  mode: 'preview',
  base: '/preview/',
  build: { outDir: `${root}dist/preview` },
});
await viteBuild({ configFile: `${root}vite.console.config.ts`, logLevel: 'warn' });
