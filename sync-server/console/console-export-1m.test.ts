// A 1,000,000-row CSV export downloaded through the console's route from a real `quiosco server`
// process, as a browser would: every row arrives, the progress the page polls follows it, and the
// server's peak memory grows by far less than the file (it streams, never holds the file).
// SQLite only: loading a million rows into PostgreSQL as well would double a long test, and the
// streaming code is the same on both (export-routes.ts sendExport).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadExportBenchData } from '../../bench/exports.bench';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from '../../shared/console/console-api';
import { ExportJobResponseSchema, type ExportJob } from '../../shared/console/data-api';
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
}, 900_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

/** kB figures of /proc/PID/status: VmRSS now, VmHWM the peak so far. */
function memoryKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no ${field} for process ${pid}`);
  return Number(match[1]);
}

async function signIn(): Promise<string> {
  const csrf = randomUUID();
  const r = await fetch(new URL('console/api/session', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: `${CSRF_COOKIE}=${csrf}`, [CSRF_HEADER]: csrf },
    body: JSON.stringify({ username: 'stats', password: PASSWORD }),
  });
  expect(r.status).toBe(200);
  const cookies = r.headers.getSetCookie();
  return cookies
    .filter((c) => c.startsWith(`${SESSION_COOKIE}=`) || c.startsWith(`${CSRF_COOKIE}=`))
    .map((c) => c.split(';')[0])
    .join('; ');
}

it('streams 1,000,000 rows through the console download with bounded server memory and live progress', async () => {
  const pid = server.child.pid;
  if (pid === undefined) throw new Error('the server process has no pid');
  const cookie = await signIn();
  const job = randomUUID();
  const progress = async (): Promise<ExportJob> => {
    const r = await fetch(new URL(`console/api/export-jobs/${job}`, server.url), { headers: { cookie } });
    return ExportJobResponseSchema.parse(await r.json()).job;
  };
  const rssBefore = memoryKb(pid, 'VmRSS');
  const response = await fetch(
    new URL(`console/api/exports/${FORM}?event=${EVENT}&format=csv&job=${job}`, server.url),
    { headers: { cookie } },
  );
  expect(response.status).toBe(200);
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.csv"$/);
  const body = response.body;
  if (body === null) throw new Error('no body');
  let bytes = 0;
  let lines = 0;
  let lastWasCr = false;
  const seen: ExportJob[] = [];
  let nextLook = 50 * MB;
  for await (const chunk of body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    // Rows end in CRLF; a CR at a chunk's end may pair with the next chunk's LF.
    for (let i = 0; i < chunk.length; i++) {
      if (chunk[i] === 10 && (i === 0 ? lastWasCr : chunk[i - 1] === 13)) lines++;
    }
    lastWasCr = chunk[chunk.length - 1] === 13;
    if (bytes >= nextLook) {
      seen.push(await progress());
      nextLook += 50 * MB;
    }
  }
  expect(lines).toBe(ROWS + 1);
  // Mid-download the page saw the export running, its records and bytes growing.
  expect(seen.length).toBeGreaterThan(1);
  expect(seen[0]?.state).toBe('running');
  const records = seen.map((j) => j.records);
  expect(records).toEqual([...records].sort((a, b) => a - b));
  expect(records[0]).toBeGreaterThan(0);
  await expect.poll(async () => (await progress()).state).toBe('done');
  expect(await progress()).toMatchObject({ state: 'done', records: ROWS, bytes });
  const growthMb = (memoryKb(pid, 'VmHWM') - rssBefore) / 1024;
  console.log(
    `1M-row console export: ${(bytes / MB).toFixed(0)} MB sent; server RSS ${(rssBefore / 1024).toFixed(0)} MB before, peak growth ${growthMb.toFixed(0)} MB`,
  );
  expect(growthMb).toBeLessThan(MAX_GROWTH_MB);
  expect(growthMb).toBeLessThan((bytes / MB) * MAX_GROWTH_OF_FILE);
}, 900_000);
