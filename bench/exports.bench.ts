// Exports at festival scale: 1,000,000 economic-impact responses from 100 kiosks, bulk-loaded
// straight into the server's database (SQLite, then PostgreSQL), exported by `quiosco export` in
// a process of its own — CSV and the summary report (median time and peak RSS of 3 runs), XLSX
// (one run). Beside them, in the same run, the baselines an export is measured against: a raw
// scan of the same pages of payloads, and a minimal parse-and-join of them (JSON.parse, answers
// joined with commas): what reading and decoding alone cost on this machine today.
// Goals on this 2-core machine: CSV ≤ 5 s and ≤ 300 MB, report ≤ 300 MB, XLSX ≤ 90 s.
// QUIOSCO_BENCH_EXPORT_ROWS sets the number of responses (default 1,000,000),
// QUIOSCO_BENCH_EXPORT_RUNS the runs of CSV and report (default 3); QUIOSCO_BENCH_EXPORT_ONLY
// (e.g. "sqlite csv report") keeps only the databases and formats it names.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import type { FormDefinition } from '../shared/forms/form-definition';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { randomSurveyAnswers } from '../shared/forms/node/sample-answers';
import { readXlsFormCsv } from '../shared/forms/xlsform-csv';
import { seededRandom } from '../shared/random/seeded-random';
import type { Database } from '../sync-server/db/schema';
import { openServerDatabase, SQLITE_FILE, type DatabaseConfig } from '../sync-server/db/server-database';
import { addForm, createEvent } from '../sync-server/events/events-store';
import { canonicalJson } from '../sync-server/sync/canonical-json';
import { SUBMISSION_COLUMNS } from '../sync-server/sync/store-submissions';
import { createTestDatabase, DB_KINDS } from '../sync-server/testing/test-server';
import { recordPages } from '../sync-server/exports/record-pages';
import { median, round, type BenchResult } from './bench-result';

const ROWS = Number(process.env.QUIOSCO_BENCH_EXPORT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.QUIOSCO_BENCH_EXPORT_RUNS ?? 3);
const KIOSKS = 100;
const EVENT = 'muestra_bench';
const FORM = 'encuesta_impacto_economico';
const INSERT_BATCH = 10_000;
const ONLY = process.env.QUIOSCO_BENCH_EXPORT_ONLY?.split(/\s+/);
const chosen = <T extends string>(items: readonly T[]): T[] =>
  items.filter((item) => ONLY === undefined || ONLY.includes(item) || !items.some((i) => ONLY.includes(i)));
const FORMATS = chosen(['csv', 'xlsx', 'report'] as const);
type Format = (typeof FORMATS)[number];

type SubmissionRow = Database['submissions'];

/** The rows in batches, generated lazily so loading a million never holds them all. */
function* submissionBatches(
  definition: FormDefinition,
  devices: string[],
  rows: number,
): Generator<SubmissionRow[]> {
  const rand = seededRandom(20261120);
  const seqs = new Map<string, number>();
  const festivalStart = Date.parse('2026-11-19T15:00:00Z');
  for (let done = 0; done < rows; done += INSERT_BATCH) {
    const batch: SubmissionRow[] = [];
    for (let i = done; i < Math.min(rows, done + INSERT_BATCH); i++) {
      const deviceId = devices[Math.floor(rand() * devices.length)] as string;
      const seq = (seqs.get(deviceId) ?? 0) + 1;
      seqs.set(deviceId, seq);
      // Four days, 9:00 to 19:00 in Hidalgo (UTC-6).
      const created = new Date(festivalStart + Math.floor(rand() * 4) * 86_400_000 + rand() * 36_000_000);
      const createdAt = created.toISOString();
      const id = uuidv7();
      const payload = canonicalJson({
        id,
        formId: FORM,
        formVersion: definition.version,
        deviceId,
        eventId: EVENT,
        language: rand() < 0.9 ? 'es' : 'en',
        complete: true,
        answers: randomSurveyAnswers(rand, definition),
        passId: null,
        privacyNoticeVersion: null,
        startedAt: createdAt,
        createdAt,
      });
      batch.push({
        id,
        device_id: deviceId,
        device_seq: seq,
        event_id: EVENT,
        form_id: FORM,
        form_version: definition.version,
        complete: 1,
        created_at: createdAt,
        received_at: new Date(created.getTime() + 3_600_000).toISOString(),
        content_hash: createHash('sha256').update(payload).digest('hex'),
        payload,
        // A visitor response is its own record: revision 1, current.
        record_id: id,
        revision: 1,
        parents: '[]',
        edited_by: null,
        current: 1,
      });
    }
    yield batch;
  }
}

/** The event, the form, 100 kiosks and `rows` responses, bulk-inserted; returns the seconds taken. */
export async function loadExportBenchData(config: DatabaseConfig, rows: number): Promise<number> {
  const started = performance.now();
  const definition = readXlsFormCsv(demoFormSheets('encuesta-impacto-economico'));
  const s = await openServerDatabase(config);
  try {
    await createEvent(s, { id: EVENT, name: 'Muestra Gastronómica (benchmark)' });
    await addForm(s, EVENT, definition);
  } finally {
    await s.close();
  }
  const devices = Array.from({ length: KIOSKS }, () => uuidv7());
  const now = new Date().toISOString();
  const deviceRows = devices.map((id, i) => [
    id,
    `Quiosco ${String(i + 1).padStart(3, '0')}`,
    EVENT,
    '[]',
    createHash('sha256').update(id).digest('hex'),
    now,
  ]);
  const deviceSql =
    'INSERT INTO devices (id, name, event_id, offered_forms, token_hash, enrolled_at) VALUES ';
  if (config.kind === 'sqlite') {
    const db = new Sqlite(join(config.dataDir, SQLITE_FILE));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
      const insertDevice = db.prepare(`${deviceSql}(?, ?, ?, ?, ?, ?)`);
      for (const row of deviceRows) insertDevice.run(...row);
      const names = SUBMISSION_COLUMNS.map(([name]) => name);
      const insert = db.prepare(
        `INSERT INTO submissions (${names.join(', ')}) VALUES (${names.map((n) => `@${n}`).join(', ')})`,
      );
      const insertAll = db.transaction((rows: SubmissionRow[]) => {
        for (const row of rows) insert.run(row);
      });
      for (const batch of submissionBatches(definition, devices, rows)) insertAll(batch);
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      await client.query('SET synchronous_commit = off');
      for (const row of deviceRows) await client.query(`${deviceSql}($1, $2, $3, $4, $5, $6)`, row);
      const names = SUBMISSION_COLUMNS.map(([name]) => name).join(', ');
      const record = SUBMISSION_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
      for (const batch of submissionBatches(definition, devices, rows)) {
        await client.query(
          `INSERT INTO submissions (${names}) SELECT ${names} FROM json_to_recordset($1::json) AS r(${record})`,
          [JSON.stringify(batch)],
        );
      }
      await client.query('ANALYZE submissions');
    } finally {
      await client.end();
    }
  }
  return (performance.now() - started) / 1000;
}

/** `cpuSeconds`: user + system time of all its threads, which a busy machine inflates less. */
type ChildResult = { seconds: number; cpuSeconds: number; maxRssMb: number; records: number };

const CLI = fileURLToPath(new URL('../bin/quiosco.js', import.meta.url));
/** Loaded before the CLI: prints the process's peak RSS and CPU time (all its threads) as it exits. */
const PEAK_RSS =
  'data:text/javascript,import{writeSync}from"node:fs";process.on("exit",()=>' +
  '{const u=process.resourceUsage();writeSync(2,"\\npeak-rss-kb "+u.maxRSS+" cpu-us "+(u.userCPUTime+u.systemCPUTime)+"\\n")})';

/**
 * One export by the built `quiosco export` (npm run bench builds it first) in a process of its
 * own, timed from start to exit, as a statistician would run it.
 */
function exportInChild(config: DatabaseConfig, format: Format, out: string): Promise<ChildResult> {
  const env = { ...process.env };
  if (config.kind === 'postgres') env.DATABASE_URL = config.url;
  else delete env.DATABASE_URL;
  const where = config.kind === 'sqlite' ? ['--data', config.dataDir] : [];
  const args = [
    '--import',
    PEAK_RSS,
    CLI,
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
 * commas, as the least a CSV line costs). Seconds each.
 */
async function baselines(config: DatabaseConfig): Promise<{ scan: number; parseJoin: number }> {
  const s = await openServerDatabase(config);
  try {
    const pass = async (visit: (payload: string) => number): Promise<number> => {
      const started = performance.now();
      let total = 0;
      for await (const page of recordPages(s, FORM, {}, false))
        for (const row of page) total += visit(row[2]);
      if (total === 0) throw new Error('the baseline read nothing');
      return (performance.now() - started) / 1000;
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
    const database = await createTestDatabase(kind);
    const dir = mkdtempSync(join(tmpdir(), 'quiosco-export-bench-'));
    try {
      const loadSeconds = await loadExportBenchData(database.config, ROWS);
      found({
        name: `export bench on ${kind}: bulk load of ${rows} responses`,
        value: round(loadSeconds, 1),
        unit: 's',
      });
      const base = await baselines(database.config);
      found(
        {
          name: `export baseline on ${kind}: raw scan of ${rows} payloads`,
          value: round(base.scan, 2),
          unit: 's',
        },
        {
          name: `export baseline on ${kind}: parse-and-join of ${rows} payloads`,
          value: round(base.parseJoin, 2),
          unit: 's',
        },
      );
      for (const format of FORMATS) {
        const out = join(dir, `export.${format}`);
        const runs: ChildResult[] = [];
        for (let i = 0; i < (format === 'xlsx' ? 1 : RUNS); i++) {
          const run = await exportInChild(database.config, format, out);
          if (run.records !== ROWS) throw new Error(`${format}: exported ${run.records} of ${ROWS} records`);
          runs.push(run);
        }
        const label = format === 'report' ? 'summary report' : format.toUpperCase();
        const of = runs.length > 1 ? ` (median of ${runs.length})` : '';
        found({
          name: `export ${label} on ${kind}: ${rows} responses${of}`,
          value: round(median(runs.map((r) => r.seconds)), 2),
          unit: 's',
        });
        found({
          name: `export ${label} on ${kind}: CPU time${of}`,
          value: round(median(runs.map((r) => r.cpuSeconds)), 2),
          unit: 's',
        });
        found({
          name: `export ${label} on ${kind}: peak RSS${of}`,
          value: round(median(runs.map((r) => r.maxRssMb)), 0),
          unit: 'MB',
        });
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
  for (const r of await benchExports()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
