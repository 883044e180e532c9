// Exports at festival scale: 1,000,000 economic-impact responses from 100 kiosks, bulk-loaded
// straight into the server's database by bulk-load.ts (SQLite, then PostgreSQL), exported by
// `quiosco export` in a process of its own — CSV and the summary report (median time and peak RSS of 3 runs), XLSX
// (one run). Beside them, in the same run, the baselines an export is measured against: a raw
// scan of the same pages of payloads, and a minimal parse-and-join of them (JSON.parse, answers
// joined with commas): what reading and decoding alone cost on this machine today.
// Goals on this 2-core machine: CSV ≤ 5 s and ≤ 300 MB, report ≤ 300 MB, XLSX ≤ 90 s.
// QUIOSCO_BENCH_EXPORT_ROWS sets the number of responses (default 1,000,000),
// QUIOSCO_BENCH_EXPORT_RUNS the runs of CSV and report (default 3); QUIOSCO_BENCH_EXPORT_ONLY
// (e.g. "sqlite csv report") keeps only the databases and formats it names.
// QUIOSCO_BENCH_EXPORT_DATA reuses data loaded before (loading a million rows takes minutes):
// space-separated, an SQLite data directory and/or a postgres:// URL, each left as it was after
// the run; QUIOSCO_BENCH_EXPORT_ROWS must say how many responses they hold. To load such data,
// run this file with QUIOSCO_BENCH_EXPORT_LOAD=DIR-or-URL (the database must exist and be empty).
// QUIOSCO_BENCH_EXPORT_COMPARE names another build's CLI entry (e.g. a dist/cli.js built before a
// change, copied aside): its runs alternate with this build's, and its figures are told beside.
// QUIOSCO_BENCH_EXPORT_CLI names this build's CLI entry instead of bin/quiosco.js (a dist built
// aside, where a shared checkout's dist/ may be rebuilt by others meanwhile).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openServerDatabase, type DatabaseConfig } from '../sync-server/db/server-database';
import type { DatabaseKind } from '../sync-server/db/schema';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../sync-server/testing/test-server';
import { recordPages } from '../sync-server/exports/record-pages';
import { median, round, type BenchResult } from './bench-result';
import { BULK_FORM, bulkKiosks, bulkLoadResponses, createBulkEvent } from './bulk-load';

const ROWS = Number(process.env.QUIOSCO_BENCH_EXPORT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.QUIOSCO_BENCH_EXPORT_RUNS ?? 3);
const KIOSKS = 100;
const EVENT = 'muestra_bench';
const FORM = BULK_FORM;
const ONLY = process.env.QUIOSCO_BENCH_EXPORT_ONLY?.split(/\s+/);
const chosen = <T extends string>(items: readonly T[]): T[] =>
  items.filter((item) => ONLY === undefined || ONLY.includes(item) || !items.some((i) => ONLY.includes(i)));
const FORMATS = chosen(['csv', 'xlsx', 'report'] as const);
type Format = (typeof FORMATS)[number];

/** The event, the form's two versions, 100 kiosks and `rows` responses; the seconds loading took. */
export async function loadExportBenchData(config: DatabaseConfig, rows: number): Promise<number> {
  const started = performance.now();
  await createBulkEvent(config, EVENT);
  await bulkLoadResponses(config, { eventId: EVENT, kiosks: bulkKiosks(KIOSKS), rows });
  return (performance.now() - started) / 1000;
}

/** `cpuSeconds`: user + system time of all its threads, which a busy machine inflates less. */
type ChildResult = { seconds: number; cpuSeconds: number; maxRssMb: number; records: number };

const CLI =
  process.env.QUIOSCO_BENCH_EXPORT_CLI ?? fileURLToPath(new URL('../bin/quiosco.js', import.meta.url));
/** Loaded before the CLI: prints the process's peak RSS and CPU time (all its threads) as it exits. */
const PEAK_RSS =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>' +
  '{const u=process.resourceUsage();writeSync(2,"\\npeak-rss-kb "+u.maxRSS+" cpu-us "+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

/**
 * One export by the built `quiosco export` (npm run bench builds it first) in a process of its
 * own, timed from start to exit, as a statistician would run it.
 */
function exportInChild(
  config: DatabaseConfig,
  format: Format,
  out: string,
  cli: string,
): Promise<ChildResult> {
  const env = { ...process.env };
  if (config.kind === 'postgres') env.DATABASE_URL = config.url;
  else delete env.DATABASE_URL;
  const where = config.kind === 'sqlite' ? ['--data', config.dataDir] : [];
  const args = [
    '--import',
    PEAK_RSS,
    cli,
    'export',
    '--form',
    FORM,
    '--format',
    format,
    '--out',
    out,
    ...where,
  ];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, maxBuffer: 1 << 24 }, (error, _stdout, stderr) => {
      const seconds = (performance.now() - started) / 1000;
      if (error)
        return reject(new Error(`quiosco export --format ${format} failed: ${error.message}\n${stderr}`));
      const records = Number(/Exported ([\d,]+) records/.exec(stderr)?.[1]?.replaceAll(',', '') ?? NaN);
      const usage = /peak-rss-kb (\d+) cpu-us (\d+)/.exec(stderr);
      resolve({
        seconds,
        cpuSeconds: Number(usage?.[2] ?? NaN) / 1e6,
        maxRssMb: Number(usage?.[1] ?? NaN) / 1024,
        records,
      });
    });
  });
}

/**
 * The baselines, in this process, over the same pages the export reads: a raw scan (payload
 * lengths added up) and a minimal parse-and-join (each payload parsed, its answers joined with
 * commas, as the least a CSV line costs). Wall and CPU seconds of each: on a busy machine CPU
 * time is what compares with the export's.
 */
type Cost = { seconds: number; cpuSeconds: number };

async function baselines(config: DatabaseConfig): Promise<{ scan: Cost; parseJoin: Cost }> {
  const s = await openServerDatabase(config);
  try {
    const pass = async (visit: (payload: string) => number): Promise<Cost> => {
      const started = performance.now();
      const cpu = process.cpuUsage();
      let total = 0;
      for await (const page of recordPages(s, FORM, {}, false))
        for (const row of page) total += visit(row[2]);
      if (total === 0) throw new Error('the baseline read nothing');
      const used = process.cpuUsage(cpu);
      return { seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
    };
    const scan = await pass((payload) => payload.length);
    const parseJoin = await pass((payload) => {
      const { answers } = JSON.parse(payload) as { answers: Record<string, unknown> };
      let line = '';
      for (const value of Object.values(answers)) line += `${String(value)},`;
      return line.length;
    });
    return { scan, parseJoin };
  } finally {
    await s.close();
  }
}

const COMPARE = process.env.QUIOSCO_BENCH_EXPORT_COMPARE;
const REUSED = process.env.QUIOSCO_BENCH_EXPORT_DATA?.split(/\s+/).filter((where) => where !== '');

/** A data directory or a postgres:// URL as a database's configuration. */
function configAt(where: string): DatabaseConfig {
  return /^postgres(ql)?:\/\//.test(where)
    ? { kind: 'postgres', url: where }
    : { kind: 'sqlite', dataDir: where };
}

/** The database of `kind` the run uses: loaded data named in QUIOSCO_BENCH_EXPORT_DATA, or a new one. */
async function benchDatabase(kind: DatabaseKind): Promise<{ database: TestDatabase; reused: boolean }> {
  const where = REUSED?.find((w) => configAt(w).kind === kind);
  if (where === undefined) return { database: await createTestDatabase(kind), reused: false };
  return { database: { config: configAt(where), drop: async () => undefined }, reused: true };
}

export async function benchExports(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  // Each figure is told as soon as it is measured: a run takes many minutes, and one cut short
  // still leaves what it found.
  const found = (...figures: BenchResult[]): void => {
    for (const r of figures) process.stderr.write(`  ${r.name}: ${r.value} ${r.unit}\n`);
    results.push(...figures);
  };
  const rows = ROWS.toLocaleString('en');
  for (const kind of chosen(DB_KINDS)) {
    const { database, reused } = await benchDatabase(kind);
    const dir = mkdtempSync(join(tmpdir(), 'quiosco-export-bench-'));
    try {
      if (!reused) {
        found({
          name: `export bench on ${kind}: bulk load of ${rows} responses`,
          value: round(await loadExportBenchData(database.config, ROWS), 1),
          unit: 's',
        });
      }
      const base = await baselines(database.config);
      for (const [label, cost] of [
        ['raw scan', base.scan],
        ['parse-and-join', base.parseJoin],
      ] as const) {
        found(
          {
            name: `export baseline on ${kind}: ${label} of ${rows} payloads`,
            value: round(cost.seconds, 2),
            unit: 's',
          },
          {
            name: `export baseline on ${kind}: ${label}, CPU time`,
            value: round(cost.cpuSeconds, 2),
            unit: 's',
          },
        );
      }
      for (const format of FORMATS) {
        const out = join(dir, `export.${format}`);
        const builds = [CLI, ...(COMPARE === undefined ? [] : [COMPARE])];
        const runs = builds.map((): ChildResult[] => []);
        // Alternated, so a busy machine weighs on each build alike.
        for (let i = 0; i < (format === 'xlsx' ? 1 : RUNS); i++) {
          for (const [b, cli] of builds.entries()) {
            const run = await exportInChild(database.config, format, out, cli);
            if (run.records !== ROWS)
              throw new Error(`${format}: exported ${run.records} of ${ROWS} records`);
            runs[b]?.push(run);
          }
        }
        const label = format === 'report' ? 'summary report' : format.toUpperCase();
        for (const [b, build] of runs.entries()) {
          const of = `${build.length > 1 ? ` (median of ${build.length})` : ''}${b > 0 ? ` [${COMPARE}]` : ''}`;
          found(
            {
              name: `export ${label} on ${kind}: ${rows} responses${of}`,
              value: round(median(build.map((r) => r.seconds)), 2),
              unit: 's',
            },
            {
              name: `export ${label} on ${kind}: CPU time${of}`,
              value: round(median(build.map((r) => r.cpuSeconds)), 2),
              unit: 's',
            },
            {
              name: `export ${label} on ${kind}: peak RSS${of}`,
              value: round(median(build.map((r) => r.maxRssMb)), 0),
              unit: 'MB',
            },
          );
        }
        if (format === 'csv') {
          found({
            name: `export CSV on ${kind}: file size`,
            value: round(statSync(out).size / 2 ** 20, 0),
            unit: 'MB',
          });
        }
        rmSync(out, { force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const load = process.env.QUIOSCO_BENCH_EXPORT_LOAD;
  if (load !== undefined)
    console.log(`loaded in ${round(await loadExportBenchData(configAt(load), ROWS), 1)} s`);
  else for (const r of await benchExports()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
