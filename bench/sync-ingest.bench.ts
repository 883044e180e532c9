// Sync ingest: one simulated kiosk pushes 100,000 survey responses in batches of 1,000 (gzipped
// JSON, as the kiosk sends them) over real HTTP on loopback to a real `quiosco server` process,
// on SQLite and on PostgreSQL; then idle sync rounds (an empty push and a pull with nothing new).
// The server runs in its own process, as it does in production, so it does not share a core with
// the simulated kiosk. Beside it, in the same run and alternating with it, the floor the database
// allows (ingest-floor-server.ts: gunzip, JSON.parse and one prepared INSERT per batch, nothing
// checked): on a busy machine only the share of the floor is comparable between runs. Goals
// (issue 15): ≥ 25,000 records/s on SQLite and ≥ 20,000 on PostgreSQL, an idle round ≤ 20 ms.
// The responses are random walks through the survey's skip logic (seeded: every run pushes the
// same ones), so no two records carry the same answers. Beside the rates, the CPU time each server
// process spent per 1,000 records (from /proc, Linux): on a busy machine the wall time of both
// grows, their CPU time much less. QUIOSCO_BENCH_RECORDS sets the records per run (default
// 100,000), QUIOSCO_BENCH_ROUNDS the runs of each (default 3; medians reported).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import type { FormDefinition } from '../shared/forms/form-definition';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { randomSurveyAnswers } from '../shared/forms/node/sample-answers';
import { seededRandom } from '../shared/random/seeded-random';
import { canonicalJson } from '../shared/sync/node/canonical-json';
import {
  ErrorBodySchema,
  HEADERS,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushResponseSchema,
  type PushChange,
} from '../shared/sync/protocol';
import { openServerDatabase, type DatabaseConfig } from '../sync-server/db/server-database';
import type { DatabaseKind } from '../sync-server/db/schema';
import { createEnrolCode, enrolDevice } from '../sync-server/devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import { spawnServerProcess } from '../sync-server/testing/server-process';
import {
  createTestDatabase,
  DB_KINDS,
  surveyPayload,
  type TestDevice,
} from '../sync-server/testing/test-server';
import { type BenchResult, median, round } from './bench-result';

const RECORDS = Number(process.env.QUIOSCO_BENCH_RECORDS ?? 100_000);
const ROUNDS = Number(process.env.QUIOSCO_BENCH_ROUNDS ?? 3);
const BATCH = 1_000;
const IDLE_ROUNDS = 200;
const EVENT = 'bench';
const FLOOR_SERVER = fileURLToPath(new URL('./ingest-floor-server.ts', import.meta.url));

const SURVEY: FormDefinition = readFormSheets(demoFormSheets('encuesta-impacto-economico'));

/** The event, its survey form and an enrolled kiosk, in a fresh database. */
async function prepare(config: DatabaseConfig): Promise<TestDevice> {
  const s = await openServerDatabase(config);
  try {
    await createEvent(s, { id: EVENT, name: 'Benchmark' });
    await addForm(s, EVENT, SURVEY);
    const { code } = await createEnrolCode(s, { eventId: EVENT });
    const deviceId = uuidv7();
    const enrolled = await enrolDevice(s, { code, deviceId, deviceName: 'Bench kiosk' }, new Date());
    return { deviceId, token: enrolled.deviceToken, eventId: EVENT };
  } finally {
    await s.close();
  }
}

async function countStored(config: DatabaseConfig): Promise<number> {
  const s = await openServerDatabase(config);
  try {
    const row = await s.db
      .selectFrom('submissions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await s.close();
  }
}

function client(url: string, token: string) {
  return async (
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
    firstSeq?: number,
  ): Promise<unknown> => {
    const headers: Record<string, string> = {
      // As the kiosk says it (electron/core/sync/push.ts), so the server lines batches up by seq.
      ...(firstSeq !== undefined && { [HEADERS.firstSeq]: String(firstSeq) }),
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: 'quiosco-bench/1',
      'accept-encoding': 'gzip',
      authorization: `Bearer ${token}`,
    };
    let payload: Uint8Array<ArrayBuffer> | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-encoding'] = 'gzip';
      payload = new Uint8Array(gzipSync(JSON.stringify(body), { level: 1 }));
    }
    const response = await fetch(new URL(path.slice(1), url), { method, headers, body: payload });
    const json: unknown = await response.json();
    if (response.status === 409 && ErrorBodySchema.safeParse(json).data?.error.code === 'sequence_gap') {
      throw new SequenceGap();
    }
    if (response.status !== 200)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** A push that reached the server before the one sent ahead of it (their connections raced). */
class SequenceGap extends Error {}

/** The floor server as a process of its own, like the real one; answers its URL and a stop. */
async function spawnFloorServer(
  config: DatabaseConfig,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', FLOOR_SERVER, JSON.stringify(config)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(output);
      if (match?.[1]) done(match[1]);
    });
    void exited.then(() => fail(new Error(`the floor server exited: ${output}`)));
  });
  return { url, child, stop: async () => (child.kill('SIGTERM'), exited) };
}

/**
 * The kiosk's outbox: `RECORDS` random survey responses (the same ones every run), in batches,
 * each payload in the key order the kiosk stores it (canonical JSON: electron/core/outbox).
 */
function outbox(device: TestDevice): PushChange[][] {
  const rand = seededRandom(15);
  return Array.from({ length: RECORDS / BATCH }, (_, b) =>
    Array.from({ length: BATCH }, (_, i) => {
      const made = surveyPayload(device, { answers: randomSurveyAnswers(rand, SURVEY) });
      const payload = JSON.parse(canonicalJson(made)) as unknown;
      return { seq: 1 + b * BATCH + i, kind: 'submission' as const, id: made.id, payload };
    }),
  );
}

/** CPU seconds (user + system) a process has used so far, read from /proc; NaN elsewhere. */
function cpuSecondsOf(pid: number | undefined): number {
  try {
    // Fields 14 and 15 of /proc/PID/stat, after the command name in parentheses.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

type Run = { recordsPerSecond: number; seconds: number; cpuMsPerBatch: number; idleMs?: number };

/** Pushes the kiosk's outbox to a server and checks that every record was stored. */
async function ingest(kind: DatabaseKind, server: 'quiosco' | 'floor'): Promise<Run> {
  const database = await createTestDatabase(kind);
  try {
    const device = await prepare(database.config);
    const running =
      server === 'quiosco'
        ? await spawnServerProcess(database.config)
        : await spawnFloorServer(database.config);
    try {
      const call = client(running.url, device.token);
      // The kiosk's outbox, read before the clock starts (a real kiosk reads it from SQLite).
      const batches = outbox(device);
      const pid = running.child.pid;
      const cpuBefore = cpuSecondsOf(pid);
      const started = performance.now();
      // Two batches in flight, as the kiosk sends them (electron/core/sync/push.ts), each saying
      // its first seq; one refused with sequence_gap all the same (the batch ahead came too late)
      // is, as the kiosk does, sent again once that batch is settled.
      const push = (i: number) =>
        call(
          'POST',
          '/v1/sync/push',
          { deviceId: device.deviceId, changes: batches[i], backlog: RECORDS - (i + 1) * BATCH },
          batches[i]?.[0]?.seq,
        );
      const send = (i: number, ahead: Promise<unknown>) =>
        push(i).catch(async (e: unknown) => {
          if (!(e instanceof SequenceGap)) throw e;
          await ahead;
          return push(i);
        });
      let next = send(0, Promise.resolve());
      for (let i = 0; i < batches.length; i++) {
        const answer = next;
        if (i + 1 < batches.length) next = send(i + 1, answer);
        const result = await answer;
        if (server === 'floor') continue;
        const pushed = PushResponseSchema.parse(result);
        if (pushed.ackedThroughSeq !== (i + 1) * BATCH || pushed.rejected.length > 0) {
          throw new Error(`batch ${i} not fully acknowledged: ${JSON.stringify(pushed).slice(0, 300)}`);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const cpuMsPerBatch = ((cpuSecondsOf(pid) - cpuBefore) * 1000) / batches.length;
      const stored = await countStored(database.config);
      if (stored !== RECORDS) throw new Error(`expected ${RECORDS} stored records, found ${stored}`);
      const run = { recordsPerSecond: RECORDS / seconds, seconds, cpuMsPerBatch };
      return server === 'quiosco' ? { ...run, idleMs: await idleRound(call, device.deviceId) } : run;
    } finally {
      await running.stop();
    }
  } finally {
    await database.drop();
  }
}

/** The median idle round once the kiosk has pulled everything: an empty push and an empty pull. */
async function idleRound(call: ReturnType<typeof client>, deviceId: string): Promise<number> {
  let cursor = 0;
  for (;;) {
    const page = PullResponseSchema.parse(await call('GET', `/v1/sync/pull?cursor=${cursor}`));
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  const rounds: number[] = [];
  for (let i = 0; i < IDLE_ROUNDS; i++) {
    const roundStarted = performance.now();
    await call('POST', '/v1/sync/push', { deviceId, changes: [], backlog: 0 });
    const page = PullResponseSchema.parse(await call('GET', `/v1/sync/pull?cursor=${cursor}`));
    if (page.changes.length > 0) throw new Error('an idle round received changes');
    rounds.push(performance.now() - roundStarted);
  }
  return median(rounds);
}

async function benchOne(kind: DatabaseKind): Promise<BenchResult[]> {
  const ours: Run[] = [];
  const floor: Run[] = [];
  // Alternating, so that a busy spell on the machine falls on both alike.
  for (let i = 0; i < ROUNDS; i++) {
    floor.push(await ingest(kind, 'floor'));
    ours.push(await ingest(kind, 'quiosco'));
  }
  const rate = median(ours.map((r) => r.recordsPerSecond));
  const floorRate = median(floor.map((r) => r.recordsPerSecond));
  const label = `sync ingest on ${kind}: ${RECORDS} records, batches of ${BATCH}`;
  return [
    { name: `${label} (median of ${ROUNDS})`, value: round(rate, 0), unit: 'records/s' },
    { name: `${label}: total (median)`, value: round(median(ours.map((r) => r.seconds)), 2), unit: 's' },
    {
      name: `sync ingest floor on ${kind}: gunzip + JSON.parse + one prepared INSERT per batch`,
      value: round(floorRate, 0),
      unit: 'records/s',
    },
    {
      name: `sync ingest on ${kind}: share of the floor`,
      value: round((100 * rate) / floorRate, 1),
      unit: '%',
    },
    {
      name: `sync ingest on ${kind}: server CPU per ${BATCH} records (median)`,
      value: round(median(ours.map((r) => r.cpuMsPerBatch)), 1),
      unit: 'ms',
    },
    {
      name: `sync ingest floor on ${kind}: server CPU per ${BATCH} records (median)`,
      value: round(median(floor.map((r) => r.cpuMsPerBatch)), 1),
      unit: 'ms',
    },
    {
      name: `idle sync round on ${kind} (empty push + pull, median)`,
      value: round(median(ours.map((r) => r.idleMs ?? NaN))),
      unit: 'ms',
    },
  ];
}

export async function benchSyncIngest(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const kind of DB_KINDS) results.push(...(await benchOne(kind)));
  return results;
}
