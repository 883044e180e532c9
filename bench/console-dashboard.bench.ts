// Console dashboard refresh at festival scale (issue 14: ≤ 200 ms server time with 100 kiosks and
// 1,000,000 records): GET /console/api/dashboard as a signed-in coordinator, on SQLite and
// PostgreSQL, with every record received in the last 24 hours (the worst case: the per-hour
// counts cover all of them). Records come from the exports bench's bulk loader. Baseline in the
// same run: GET /console/api/session, which costs what every console call costs (session,
// role) and reads nothing else. Records per hour are timed alone too: read from migration 9's
// counts (what the dashboard does) and grouped from the records (what it did before).
import { sql, type Kysely } from 'kysely';
import { createUser } from '../sync-server/console/accounts';
import { signedIn } from '../sync-server/console/testing/signed-in';
import { recordsPerHour } from '../sync-server/console/dashboard-hours';
import { fillSubmissionHours } from '../sync-server/db/migrations/0009-venues';
import type { DatabaseKind } from '../sync-server/db/schema';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  type TestServer,
} from '../sync-server/testing/test-server';
import { type BenchResult, median, round } from './bench-result';
import { bulkKiosks, bulkLoadResponses, createBulkEvent } from './bulk-load';

const RECORDS = Number(process.env.QUIOSCO_BENCH_CONSOLE_RECORDS ?? 1_000_000);
const KIOSKS = 100;
const RUNS = 21;
const EVENT = 'muestra_dashboard';
const KINDS = (process.env.QUIOSCO_BENCH_CONSOLE_DBS?.split(',') as DatabaseKind[] | undefined) ?? DB_KINDS;

/** Moves every record's received time into the dashboard's window (this hour and the 23 before), keeping their order. */
async function receivedInLastDay(t: TestServer, now: Date): Promise<void> {
  const db = t.server.db.db;
  const span = await db
    .selectFrom('submissions')
    .select((eb) => [eb.fn.min('received_at').as('first'), eb.fn.max('received_at').as('last')])
    .executeTakeFirstOrThrow();
  const first = Date.parse(String(span.first));
  const last = Date.parse(String(span.last));
  const scale = (22 * 3_600_000) / Math.max(1, last - first);
  const startMs = now.getTime() - 22.5 * 3_600_000;
  if (t.kind === 'sqlite') {
    // julianday arithmetic in days; strftime %f keeps milliseconds, as toISOString writes them.
    await sql`UPDATE submissions SET received_at = strftime('%Y-%m-%dT%H:%M:%fZ',
      ${startMs / 86_400_000 + 2440587.5} + (julianday(received_at) - ${first / 86_400_000 + 2440587.5}) * ${scale})`.execute(
      db,
    );
  } else {
    await sql`UPDATE submissions SET received_at = to_char(
      (to_timestamp(${startMs / 1000}) + (received_at::timestamptz - to_timestamp(${first / 1000})) * ${scale})
        AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`.execute(db);
    await sql`VACUUM ANALYZE submissions`.execute(db);
  }
  await fillSubmissionHours(db as Kysely<unknown>);
}

/** The dashboard's query before migration 9: every record of the last 24 hours, grouped. */
function groupedFromRecords(t: TestServer, now: Date) {
  const hour = sql<string>`substr(received_at, 1, 13)`;
  return t.server.db.db
    .selectFrom('submissions')
    .select((eb) => [hour.as('hour'), 'form_id', 'device_id', eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', EVENT)
    .where('received_at', '>=', new Date(now.getTime() - 24 * 3_600_000).toISOString())
    .groupBy([hour, 'form_id', 'device_id'])
    .orderBy(hour)
    .execute();
}

async function timed(call: () => Promise<unknown>, runs = RUNS): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const r = await call();
    samples.push(performance.now() - started);
    if (r instanceof Object && 'status' in r && r.status !== 200)
      throw new Error(`dashboard bench: ${String(r.status)}`);
  }
  return samples.slice(1); // the first warms caches and the statement cache
}

async function benchOn(kind: DatabaseKind): Promise<BenchResult[]> {
  const database = await createTestDatabase(kind);
  try {
    await createBulkEvent(database.config, EVENT);
    const loadSeconds = await bulkLoadResponses(database.config, {
      eventId: EVENT,
      kiosks: bulkKiosks(KIOSKS),
      rows: RECORDS,
    });
    const t = await openServerForTest(kind, { database: database.config });
    try {
      const shiftStarted = performance.now();
      await receivedInLastDay(t, new Date());
      const shiftSeconds = (performance.now() - shiftStarted) / 1000;
      await createUser(t.server.db, {
        username: 'coordinadora',
        role: 'coordinator',
        password: 'bench password 1',
      });
      const coordinator = await signedIn(t, 'coordinadora', 'bench password 1');
      const dashboard = () => coordinator.call('GET', `/console/api/dashboard?eventId=${EVENT}`);
      const check = await dashboard();
      const hours = (check.body as { hours: { records: number }[] }).hours.reduce((n, h) => n + h.records, 0);
      if (hours !== RECORDS) throw new Error(`dashboard bench: ${hours} records counted, not ${RECORDS}`);

      const session = await timed(() => coordinator.call('GET', '/console/api/session'));
      const full = await timed(dashboard);
      const now = new Date();
      const counted = await timed(() => recordsPerHour(t.server.db, EVENT, now));
      const grouped = await timed(() => groupedFromRecords(t, now), 6);
      const label = `console dashboard on ${kind}, ${KIOSKS} kiosks × ${RECORDS} records`;
      return [
        { name: `${label}: bulk load`, value: round(loadSeconds, 1), unit: 's' },
        {
          name: `${label}: received times moved into the last 24 h`,
          value: round(shiftSeconds, 1),
          unit: 's',
        },
        { name: `${label}: baseline GET session (median)`, value: round(median(session), 1), unit: 'ms' },
        { name: `${label}: GET dashboard (median)`, value: round(median(full), 1), unit: 'ms' },
        {
          name: `${label}: records per hour from the counts (median)`,
          value: round(median(counted), 1),
          unit: 'ms',
        },
        {
          name: `${label}: records per hour grouped from the records, before migration 9 (median)`,
          value: round(median(grouped), 1),
          unit: 'ms',
        },
      ];
    } finally {
      await t.close();
    }
  } finally {
    await database.drop();
  }
}

export async function benchConsoleDashboard(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  for (const kind of KINDS) results.push(...(await benchOn(kind)));
  return results;
}
