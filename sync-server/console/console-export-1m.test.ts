// A 1,000,000-row CSV export downloaded from the console's Exportaciones page in real Chromium,
// from a real `quiosco server` process: every row arrives in the saved file, the page's progress
// list shows the export running and then done with every record, and the server's peak memory grows
// by far less than the file (it streams, never holds the file).
// SQLite only: loading a million rows into PostgreSQL as well would double a long test, and the
// streaming code is the same on both (export-routes.ts sendExport).
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadExportBenchData } from '../../bench/exports.bench';
import { ExportJobsResponseSchema } from '../../shared/console/data-api';
import { openServerDatabase } from '../db/server-database';
import { spawnServerProcess, type ServerProcess } from '../testing/server-process';
import { createTestDatabase, type TestDatabase } from '../testing/test-server';
import { createUser } from './accounts';

const ROWS = 1_000_000;
/** What loadExportBenchData loads: its event and form. */
const EVENT = 'muestra_bench';
const FORM = 'encuesta_impacto_economico';
const PASSWORD = 'correct horse battery';
const MB = 1024 * 1024;
/** Generous, yet below the file (about 300 MB) that a server holding it would need. */
const MAX_GROWTH_MB = 300;
/** And well under the file's own size, whatever that becomes. */
const MAX_GROWTH_OF_FILE = 0.75;

let database: TestDatabase;
let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  database = await createTestDatabase('sqlite');
  await loadExportBenchData(database.config, ROWS);
  const s = await openServerDatabase(database.config);
  try {
    await createUser(s, { username: 'stats', role: 'statistician', password: PASSWORD });
  } finally {
    await s.close();
  }
  server = await spawnServerProcess(database.config);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

/** kB figures of /proc/PID/status: VmRSS now, VmHWM the peak so far. */
function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]);
}

/** Lines ending in CRLF in the file (a CR at a chunk's end may pair with the next chunk's LF). */
async function crlfLines(file: string): Promise<number> {
  let lines = 0;
  let lastWasCr = false;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === 10 && (i === 0 ? lastWasCr : chunk[i - 1] === 13)) lines++;
    }
    lastWasCr = chunk[chunk.length - 1] === 13;
  }
  return lines;
}

it('downloads 1,000,000 rows from the Exportaciones page with bounded server memory and live progress', async () => {
  const pid = server.child.pid;
  if (pid === undefined) throw new Error('the server process has no pid');
  const context = await browser.newContext({ acceptDownloads: true, locale: 'es-MX' });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.getByLabel('Usuario').fill('stats');
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(EVENT);
  await page.getByRole('link', { name: 'Exportaciones' }).click();
  const rssBefore = memoryKb(pid, 'VmRSS');
  const downloading = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByRole('link', { name: 'Descargar' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  // While the browser saves the file, the page's own list shows the export running with records.
  const jobs = page.getByTestId('export-jobs');
  await jobs.locator('li[data-state="running"]').waitFor({ timeout: 600_000 });
  const file = await download.path();
  const bytes = statSync(file).size;
  expect(await crlfLines(file)).toBe(ROWS + 1);
  await jobs.locator('li[data-state="done"]').waitFor({ timeout: 600_000 });
  const listed = await page.request.get(new URL('console/api/export-jobs', server.url).toString());
  const { jobs: mine } = ExportJobsResponseSchema.parse(await listed.json());
  expect(mine).toEqual([expect.objectContaining({ formId: FORM, state: 'done', records: ROWS, bytes })]);
  const growthMb = (memoryKb(pid, 'VmHWM') - rssBefore) / 1024;
  console.log(
    `1M-row console export: ${(bytes / MB).toFixed(0)} MB saved by Chromium; server RSS ${(rssBefore / 1024).toFixed(0)} MB before, peak growth ${growthMb.toFixed(0)} MB`,
  );
  expect(growthMb).toBeLessThan(MAX_GROWTH_MB);
  expect(growthMb).toBeLessThan((bytes / MB) * MAX_GROWTH_OF_FILE);
  await context.close();
}, 900_000);
