// Sync ingest: one simulated kiosk pushes 100,000 survey responses in batches of 1,000 (gzipped
// JSON, as the kiosk sends them) over real HTTP on loopback to a real `quiosco server` process,
// on SQLite and on PostgreSQL; then idle sync rounds (an empty push and a pull with nothing new).
// The server runs in its own process, as it does in production, so it does not share a core with
// the simulated kiosk. Goals on this 2-core machine: ≥ 10,000 records/s (100,000 in ≤ 10 s) and
// an idle round ≤ 20 ms median.
import { gzipSync } from 'node:zlib';
import { v7 as uuidv7 } from 'uuid';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import {
  EnrolResponseSchema,
  HEADERS,
  PROTOCOL_VERSION,
  PullResponseSchema,
  PushResponseSchema,
} from '../shared/sync/protocol';
import { openServerDatabase, type DatabaseConfig } from '../sync-server/db/server-database';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import { spawnServerProcess } from '../sync-server/testing/server-process';
import {
  createTestDatabase,
  DB_KINDS,
  surveyChanges,
  type TestDevice,
} from '../sync-server/testing/test-server';
import { type BenchResult, median, round } from './bench-result';

const RECORDS = 100_000;
const BATCH = 1_000;
const IDLE_ROUNDS = 200;
const EVENT = 'bench';

async function prepare(config: DatabaseConfig): Promise<string> {
  const s = await openServerDatabase(config);
  try {
    await createEvent(s, { id: EVENT, name: 'Benchmark' });
    await addForm(s, EVENT, readFormSheets(demoFormSheets('encuesta-impacto-economico')));
    return (await createEnrolCode(s, { eventId: EVENT })).code;
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

function client(url: string, token?: string) {
  return async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = {
      [HEADERS.protocol]: String(PROTOCOL_VERSION),
      [HEADERS.app]: 'quiosco-bench/1',
      'accept-encoding': 'gzip',
    };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let payload: Uint8Array<ArrayBuffer> | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-encoding'] = 'gzip';
      payload = new Uint8Array(gzipSync(JSON.stringify(body), { level: 1 }));
    }
    const response = await fetch(new URL(path.slice(1), url), { method, headers, body: payload });
    const json: unknown = await response.json();
    if (response.status !== 200)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
}

async function benchOne(kind: (typeof DB_KINDS)[number]): Promise<BenchResult[]> {
  const database = await createTestDatabase(kind);
  try {
    const code = await prepare(database.config);
    const server = await spawnServerProcess(database.config);
    try {
      const deviceId = uuidv7();
      const enrolled = EnrolResponseSchema.parse(
        await client(server.url)('POST', '/v1/enrol', { code, deviceId, deviceName: 'Bench kiosk' }),
      );
      const device: TestDevice = { deviceId, token: enrolled.deviceToken, eventId: EVENT };
      const call = client(server.url, device.token);
      // The kiosk's outbox, read before the clock starts (a real kiosk reads it from SQLite).
      const batches = Array.from({ length: RECORDS / BATCH }, (_, i) =>
        surveyChanges(device, 1 + i * BATCH, BATCH),
      );

      const started = performance.now();
      for (const [i, changes] of batches.entries()) {
        const body = { deviceId, changes, backlog: RECORDS - (i + 1) * BATCH };
        const result = PushResponseSchema.parse(await call('POST', '/v1/sync/push', body));
        if (result.ackedThroughSeq !== (i + 1) * BATCH || result.rejected.length > 0) {
          throw new Error(`batch ${i} not fully acknowledged: ${JSON.stringify(result).slice(0, 300)}`);
        }
      }
      const seconds = (performance.now() - started) / 1000;
      const stored = await countStored(database.config);
      if (stored !== RECORDS) throw new Error(`expected ${RECORDS} stored records, found ${stored}`);

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
      return [
        {
          name: `sync ingest on ${kind}: ${RECORDS} records, batches of ${BATCH}`,
          value: round(RECORDS / seconds, 0),
          unit: 'records/s',
        },
        { name: `sync ingest on ${kind}: total`, value: round(seconds, 2), unit: 's' },
        {
          name: `idle sync round on ${kind} (empty push + pull, median)`,
          value: round(median(rounds)),
          unit: 'ms',
        },
      ];
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}

export async function benchSyncIngest(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const kind of DB_KINDS) results.push(...(await benchOne(kind)));
  return results;
}
