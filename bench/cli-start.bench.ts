// How long `quiosco` takes before a command starts: the built CLI (dist/cli.js, each command's
// module imported when it runs) against, in the same run, a baseline bundle of the same source
// that imports every command at start, as the CLI did before. Medians of RUNS interleaved runs of
// cheap commands, wall and CPU time of the whole process.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { median, round, type BenchResult } from './bench-result';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.QUIOSCO_BENCH_CLI_RUNS ?? 11);
const COMMANDS = [['--help'], ['export', '--help'], ['admin', '--help']];
/** Every command module, as run-cli.ts imported them before they were loaded on demand. */
const COMMAND_MODULES = [
  'start',
  'kiosk-init',
  'kiosk-run',
  'forms-check',
  'forms-preview',
  'server',
  'server-backup',
  'admin',
  'export',
  'import',
  'export-kiosk-bundle',
  'tickets',
];
/** Loaded before the CLI: prints the process's CPU time as it exits. */
const CPU =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>' +
  '{const u=process.resourceUsage();writeSync(2,"\\ncpu-us "+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

/** The eager baseline, bundled into `dir` (which reaches our node_modules through a link). */
async function buildEager(dir: string): Promise<string> {
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  const entry = join(dir, 'eager.ts');
  const imports = COMMAND_MODULES.map((m) => `import '${join(ROOT, 'cli', 'commands', m)}';`);
  writeFileSync(entry, `${imports.join('\n')}\nimport '${join(ROOT, 'cli', 'quiosco')}';\n`);
  const out = join(dir, 'cli.js');
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return out;
}

type Run = { seconds: number; cpuSeconds: number };

function runOnce(cli: string, args: string[]): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', CPU, cli, ...args], (error, _stdout, stderr) => {
      const seconds = (performance.now() - started) / 1000;
      if (error) return reject(new Error(`${cli} ${args.join(' ')} failed: ${error.message}\n${stderr}`));
      const cpu = /cpu-us (\d+)/.exec(stderr);
      if (cpu === null) return reject(new Error(`${cli} ${args.join(' ')} told no CPU time`));
      resolve({ seconds, cpuSeconds: Number(cpu[1]) / 1e6 });
    });
  });
}

export async function benchCliStart(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'quiosco-cli-bench-'));
  try {
    const variants = [
      ['eager baseline', await buildEager(dir)],
      ['on demand', join(ROOT, 'dist', 'cli.js')],
    ] as const;
    const results: BenchResult[] = [];
    for (const args of COMMANDS) {
      const runs = new Map<string, Run[]>(variants.map(([name]) => [name, []]));
      // Interleaved, so a machine that gets busier part-way weighs on both alike.
      for (let i = 0; i < RUNS; i++)
        for (const [name, cli] of variants) runs.get(name)?.push(await runOnce(cli, args));
      for (const [name] of variants) {
        const mine = runs.get(name) ?? [];
        const label = `CLI start, quiosco ${args.join(' ')} (${name}, median of ${RUNS})`;
        results.push(
          { name: `${label}: wall`, value: round(median(mine.map((r) => r.seconds)), 3), unit: 's' },
          { name: `${label}: CPU`, value: round(median(mine.map((r) => r.cpuSeconds)), 3), unit: 's' },
        );
      }
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await benchCliStart()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
