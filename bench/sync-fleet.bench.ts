// Sync through real kiosk cores against a sync server in a process of its own (the server code
// bundled by esbuild, as `npm run build` ships it, not under tsx, which alone adds ~65 MB RSS),
// on SQLite and on PostgreSQL side by side:
// - a fleet: 20 kiosks with 5,000 records each in their outbox, all syncing at once, timed until
//   every record is acknowledged (goal ≤ 15 s); issue 15's festival scale is 100 kiosks × 10,000
//   records in ≤ 60 s (QUIOSCO_BENCH_FLEET_KIOSKS=100 QUIOSCO_BENCH_FLEET_RECORDS=10000);
// - an idle round (nothing to send or receive) through the kiosk's own client and bookkeeping,
//   median (goal ≤ 20 ms);
// - the server's memory while it ingests 1,000,000 records from 10 simulated kiosks pushing
//   gzipped batches of 1,000 at once: peak RSS (VmHWM from /proc; goal ≤ 300 MB), and RSS after
//   the first tenth against the end, which shows whether it stays flat.
// QUIOSCO_BENCH_INGEST sets the ingest size (default 1,000,000). QUIOSCO_BENCH_FLEET_MAX_PUSHES
// sets the server's admission limit (sync-server/sync/push-admission.ts; a huge one turns it off),
// to compare with the default.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import {
  EnrolResponseSchema,
  HEADERS,
  PROTOCOL_VERSION,
  PushResponseSchema,
  type PushChange,
} from '../shared/sync/protocol';
import { openServerDatabase, type ServerDb } from '../sync-server/db/server-database';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import {
  createTestDatabase,
  DB_KINDS,
  surveyChanges,
  type TestDevice,
} from '../sync-server/testing/test-server';
import type { DatabaseKind } from '../sync-server/db/schema';
import { startServerProcess, type ServerProcess } from '../sync-tests/support/server-process';
import { startBulkSaveWorkers } from '../sync-tests/support/bulk-save-workers';
import { openSyncKiosk, type SyncKiosk } from '../sync-tests/support/sync-kiosk';
import { type BenchResult, median, round } from './bench-result';

const KIOSKS = Number(process.env.QUIOSCO_BENCH_FLEET_KIOSKS ?? 20);
const RECORDS_PER_KIOSK = Number(process.env.QUIOSCO_BENCH_FLEET_RECORDS ?? 5_000);
const IDLE_ROUNDS = 200;
const INGEST_RECORDS = Number(process.env.QUIOSCO_BENCH_INGEST ?? 1_000_000);
const INGEST_DEVICES = 10;
const MAX_PUSHES = process.env.QUIOSCO_BENCH_FLEET_MAX_PUSHES;
const ADMISSION = MAX_PUSHES === undefined ? undefined : { maxPushes: Number(MAX_PUSHES) };
const BATCH = 1_000;
const EVENT = 'bench_fleet';

/** A fresh database with the event and its survey form, served by a server process. */
async function withServer<T>(
  kind: DatabaseKind,
  work: (s: ServerDb, server: ServerProcess) => Promise<T>,
): Promise<T> {
  const database = await createTestDatabase(kind);
  try {
    const s = await openServerDatabase(database.config);
    try {
      await createEvent(s, { id: EVENT, name: 'Benchmark' });
      await addForm(s, EVENT, readFormSheets(demoFormSheets('encuesta-impacto-economico')));
      const server = await startServerProcess(database.config, 0, ADMISSION);
      try {
        return await work(s, server);
      } finally {
        await server.kill();
      }
    } finally {
      await s.close();
    }
  } finally {
    await database.drop();
  }
}

async function fleetAndIdle(kind: DatabaseKind): Promise<BenchResult[]> {
  return withServer(kind, async (s, server) => {
    const fleet: SyncKiosk[] = [];
    // Outboxes fill on two threads while this one opens and enrols the next kiosks.
    const fillers = await startBulkSaveWorkers(2);
    try {
      const setUp = performance.now();
      const filled: Promise<void>[] = [];
      for (let i = 0; i < KIOSKS; i++) {
        const k = await openSyncKiosk();
        fleet.push(k);
        // Enrolled as soon as it opens: opening a hundred kiosks takes longer than a staff
        // session lasts unused (10 minutes), so the first ones' sessions lapsed before enrolling.
        await k.enrol({ db: s, url: server.url }, EVENT);
        await k.core.syncNow();
        filled.push(fillers.fill(k.dataDir, RECORDS_PER_KIOSK));
      }
      await Promise.all(filled);
      const setUpSeconds = (performance.now() - setUp) / 1000;
      const started = performance.now();
      const serverCpu = processCpuSeconds(server.pid);
      const kioskCpu = process.cpuUsage();
      const statuses = await Promise.all(fleet.map((k) => k.core.syncNow()));
      const seconds = (performance.now() - started) / 1000;
      // Where the time went: the server's CPU, and the kiosk cores' (all in this process).
      const serverCpuSeconds = processCpuSeconds(server.pid) - serverCpu;
      const { user, system } = process.cpuUsage(kioskCpu);
      const failed = statuses.find((st) => st.lastError !== null);
      if (failed !== undefined)
        throw new Error(`a kiosk failed to sync: ${JSON.stringify(failed.lastError)}`);
      const stored = await countSubmissions(s);
      if (stored !== KIOSKS * RECORDS_PER_KIOSK)
        throw new Error(`expected ${KIOSKS * RECORDS_PER_KIOSK} records, found ${stored}`);

      const kiosk = fleet[0] as SyncKiosk;
      const rounds: number[] = [];
      for (let i = 0; i < IDLE_ROUNDS; i++) {
        const roundStarted = performance.now();
        const status = await kiosk.core.syncNow();
        rounds.push(performance.now() - roundStarted);
        if (status.lastError !== null) throw new Error(`idle round failed: ${status.lastError.message}`);
      }
      return [
        {
          name: `sync fleet on ${kind}: ${KIOSKS} kiosks × ${RECORDS_PER_KIOSK} records converged${MAX_PUSHES === undefined ? '' : ` (maxPushes ${MAX_PUSHES})`}`,
          value: round(seconds, 2),
          unit: 's',
        },
        {
          name: `sync fleet on ${kind}: set-up (open, enrol, first sync, fill the outboxes; not timed above)`,
          value: round(setUpSeconds, 1),
          unit: 's',
        },
        {
          name: `sync fleet on ${kind}: server CPU while converging`,
          value: round(serverCpuSeconds, 1),
          unit: 's',
        },
        {
          name: `sync fleet on ${kind}: kiosk cores' CPU while converging (bench process)`,
          value: round((user + system) / 1e6, 1),
          unit: 's',
        },
        {
          name: `idle sync round on ${kind}, kiosk client (median)`,
          value: round(median(rounds)),
          unit: 'ms',
        },
      ];
    } finally {
      await fillers.close();
      for (const k of fleet) {
        k.close();
        k.remove();
      }
    }
  });
}

/** User + system CPU time of a process so far, from /proc (in clock ticks of 10 ms). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function countSubmissions(s: ServerDb): Promise<number> {
  const row = await s.db
    .selectFrom('submissions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function post(url: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const headers: Record<string, string> = {
    [HEADERS.protocol]: String(PROTOCOL_VERSION),
    [HEADERS.app]: 'quiosco-bench/1',
    'content-type': 'application/json',
    'content-encoding': 'gzip',
  };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const payload = new Uint8Array(gzipSync(JSON.stringify(body), { level: 1 }));
  const response = await fetch(new URL(path, url), { method: 'POST', headers, body: payload });
  const json: unknown = await response.json();
  if (response.status !== 200) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

async function ingestMemory(kind: DatabaseKind): Promise<BenchResult[]> {
  return withServer(kind, async (s, server) => {
    const devices: TestDevice[] = [];
    for (let i = 0; i < INGEST_DEVICES; i++) {
      const { code } = await createEnrolCode(s, { eventId: EVENT });
      const deviceId = uuidv7();
      const enrolled = EnrolResponseSchema.parse(
        await post(server.url, 'v1/enrol', { code, deviceId, deviceName: `Bench kiosk ${i}` }),
      );
      devices.push({ deviceId, token: enrolled.deviceToken, eventId: EVENT });
    }
    const perDevice = Math.ceil(INGEST_RECORDS / INGEST_DEVICES / BATCH) * BATCH;
    const total = perDevice * INGEST_DEVICES;
    let acked = 0;
    let rssAtTenth: number | undefined;
    let peakSampled = 0;
    const sampler = setInterval(() => {
      const { rssMb } = server.memory();
      peakSampled = Math.max(peakSampled, rssMb);
      if (rssAtTenth === undefined && acked >= total / 10) rssAtTenth = rssMb;
    }, 200);
    const started = performance.now();
    try {
      await Promise.all(
        devices.map(async (device) => {
          for (let seq = 1; seq <= perDevice; seq += BATCH) {
            const changes: PushChange[] = surveyChanges(device, seq, BATCH);
            const body = { deviceId: device.deviceId, changes, backlog: perDevice - seq - BATCH + 1 };
            const answer = PushResponseSchema.parse(
              await post(server.url, 'v1/sync/push', body, device.token),
            );
            if (answer.ackedThroughSeq !== seq + BATCH - 1)
              throw new Error(`batch at ${seq} not acknowledged`);
            acked += BATCH;
          }
        }),
      );
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    const end = server.memory();
    const stored = await countSubmissions(s);
    if (stored !== total) throw new Error(`expected ${total} records, found ${stored}`);
    const label = `server memory on ${kind}, ingesting ${total.toLocaleString('en')} records`;
    return [
      { name: `${label}: peak RSS (VmHWM)`, value: round(Math.max(end.peakMb, peakSampled), 1), unit: 'MB' },
      { name: `${label}: RSS after the first tenth`, value: round(rssAtTenth ?? NaN, 1), unit: 'MB' },
      { name: `${label}: RSS at the end`, value: round(end.rssMb, 1), unit: 'MB' },
      { name: `${label}: time`, value: round(seconds, 1), unit: 's' },
    ];
  });
}

export async function benchSyncFleet(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const kind of DB_KINDS) results.push(...(await fleetAndIdle(kind)));
  for (const kind of DB_KINDS) results.push(...(await ingestMemory(kind)));
  return results;
}
