// Millions of economic-impact responses straight into a sync server's database, fast enough for a
// benchmark (the push path takes minutes per million). Each stored row is what push would store:
// the canonical payload, its SHA-256, the kiosk's seq, one current revision. What varies: skip
// logic (declined, from abroad, no overnight stay), incomplete records cut short, two form
// versions, select_multiple answers, comments with commas, quotes, line breaks and emoji.
// Speed comes from a pool of distinct answer sets, each validated and canonicalised once: a row
// is a pool entry plus its own id, kiosk, times and language, joined as text in canonical key
// order. bulk-load.test.ts checks that a small load exports exactly as the same records pushed.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { compileForm, validateSubmission } from '../shared/forms/engine';
import type { Answers, FormDefinition } from '../shared/forms/form-definition';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { randomSurveyAnswers } from '../shared/forms/node/sample-answers';
import { readXlsFormCsv } from '../shared/forms/xlsform-csv';
import { seededRandom } from '../shared/random/seeded-random';
import type { Database } from '../sync-server/db/schema';
import {
  openServerDatabase,
  SQLITE_FILE,
  type DatabaseConfig,
  type ServerDb,
} from '../sync-server/db/server-database';
import { addForm, createEvent } from '../sync-server/events/events-store';
import { canonicalJson } from '../shared/sync/node/canonical-json';
import { SUBMISSION_COLUMNS } from '../sync-server/sync/store-submissions';

export const BULK_FORM = 'encuesta_impacto_economico';
/** Distinct answer sets; rows draw from them (enough that no two kiosks repeat in step). */
const POOL = 4096;
/** Small batches: rows that survive a young-generation collection are what collecting costs. */
const BATCH = 2_000;
const DAY_OPEN_MS = 36_000_000;
const OPEN_MS = 4 * DAY_OPEN_MS;
const TRICKY_COMMENTS = [
  'Muy "rico", todo 😋\nVolveré, sin duda; ¡ñandú!',
  'Precio, calidad y trato: 10/10 👍',
  '=SUMA(1,2) "no es fórmula"',
];

export type BulkKiosk = { id: string; name: string };
export type BulkLoadPlan = {
  eventId: string;
  kiosks: BulkKiosk[];
  rows: number;
  /** The same seed gives the same rows (ids aside, which are UUIDv7 of the kiosk's clock). */
  seed?: number;
};
type SubmissionRow = Database['submissions'];

/** The survey as the demo ships it, and the earlier version some kiosks still run. */
export function bulkFormVersions(): [current: FormDefinition, earlier: FormDefinition] {
  const current = readXlsFormCsv(demoFormSheets('encuesta-impacto-economico'));
  const earlier = { ...current, version: String(Number(current.version) - 1) };
  return [current, earlier];
}

type PoolEntry = { answers: string; complete: boolean };

/** Answer sets as the kiosk saves them (the engine's answers, calculations filled in). */
function answerPool(rand: () => number, definition: FormDefinition): PoolEntry[] {
  const form = compileForm(definition);
  const pool: PoolEntry[] = [];
  while (pool.length < POOL) {
    let answers: Answers = randomSurveyAnswers(rand, definition);
    if (rand() < 0.05) answers.comentarios = TRICKY_COMMENTS[Math.floor(rand() * 3)] as string;
    // Kept incomplete at the idle timeout: the visitor walked away part-way.
    const complete = rand() >= 0.03;
    if (!complete) {
      const names = Object.keys(answers);
      answers = Object.fromEntries(Object.entries(answers).slice(0, 1 + Math.floor(rand() * names.length)));
    }
    const check = validateSubmission(form, answers, { complete, today: '2026-11-19' });
    if (!check.ok) throw new Error(`bulk-load answers invalid: ${JSON.stringify(check.issues)}`);
    pool.push({ answers: canonicalJson(check.answers), complete });
  }
  return pool;
}

/** Rows in batches, made lazily so a million never sit in memory at once. */
export function* bulkSubmissionBatches(plan: BulkLoadPlan): Generator<SubmissionRow[]> {
  const rand = seededRandom(plan.seed ?? 20261120);
  const [current, earlier] = bulkFormVersions();
  const pool = answerPool(rand, current);
  const seqs = new Map<string, number>();
  const festivalStart = Date.parse('2026-11-19T15:00:00Z');
  // Canonical key order (sorted): answers, complete, createdAt, deviceId, eventId, formId,
  // formVersion, id, language, passId, privacyNoticeVersion, startedAt.
  const event = JSON.stringify(plan.eventId);
  const form = JSON.stringify(BULK_FORM);
  for (let done = 0; done < plan.rows; done += BATCH) {
    const batch: SubmissionRow[] = [];
    for (let i = done; i < Math.min(plan.rows, done + BATCH); i++) {
      const kiosk = plan.kiosks[Math.floor(rand() * plan.kiosks.length)] as BulkKiosk;
      const seq = (seqs.get(kiosk.id) ?? 0) + 1;
      seqs.set(kiosk.id, seq);
      const entry = pool[Math.floor(rand() * POOL)] as PoolEntry;
      const version = rand() < 0.1 ? earlier.version : current.version;
      // Four days, 9:00 to 19:00 in Hidalgo (UTC-6), spread evenly and in time order: ids
      // (UUIDv7) then ascend, so every index is appended to instead of written all over.
      const open = Math.floor(((i + rand()) / plan.rows) * OPEN_MS);
      const createdMs = festivalStart + Math.floor(open / DAY_OPEN_MS) * 86_400_000 + (open % DAY_OPEN_MS);
      // The interview took one to ten minutes.
      const createdAt = new Date(createdMs).toISOString();
      const startedAt = new Date(createdMs - 60_000 - Math.floor(rand() * 540_000)).toISOString();
      const id = seededUuidV7(createdMs, rand);
      const language = rand() < 0.9 ? 'es' : 'en';
      const payload =
        `{"answers":${entry.answers},"complete":${entry.complete},"createdAt":"${createdAt}",` +
        `"deviceId":"${kiosk.id}","eventId":${event},"formId":${form},"formVersion":"${version}",` +
        `"id":"${id}","language":"${language}","passId":null,"privacyNoticeVersion":null,` +
        `"startedAt":"${startedAt}"}`;
      batch.push({
        id,
        device_id: kiosk.id,
        device_seq: seq,
        event_id: plan.eventId,
        form_id: BULK_FORM,
        form_version: version,
        complete: entry.complete ? 1 : 0,
        created_at: createdAt,
        received_at: new Date(createdMs + 3_600_000).toISOString(),
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

const hex = (value: number, digits: number): string => value.toString(16).padStart(digits, '0');

/**
 * A UUIDv7 at `msecs` whose random bits come from the seeded generator: the same seed gives the
 * same ids, and no per-id call to the system's random source (half the loader's time).
 */
function seededUuidV7(msecs: number, rand: () => number): string {
  const time = hex(msecs, 12);
  const variant = hex(0x8000 | Math.floor(rand() * 0x4000), 4);
  const node = hex(Math.floor(rand() * 0x1000000), 6) + hex(Math.floor(rand() * 0x1000000), 6);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(Math.floor(rand() * 0x1000), 3)}-${variant}-${node}`;
}

/** `count` kiosks named as a festival names them, with ids of their own. */
export function bulkKiosks(count: number): BulkKiosk[] {
  return Array.from({ length: count }, (_, i) => ({
    id: uuidv7(),
    name: `Quiosco ${String(i + 1).padStart(3, '0')}`,
  }));
}

/** The event with both survey versions: what a server has before kiosks push. */
export async function installBulkEvent(s: ServerDb, eventId: string): Promise<void> {
  await createEvent(s, { id: eventId, name: 'Muestra Gastronómica (benchmark)' });
  for (const definition of bulkFormVersions()) await addForm(s, eventId, definition);
}

/** installBulkEvent on a database of its own. */
export async function createBulkEvent(config: DatabaseConfig, eventId: string): Promise<void> {
  const s = await openServerDatabase(config);
  try {
    await installBulkEvent(s, eventId);
  } finally {
    await s.close();
  }
}

/**
 * The plan's kiosks (enrolled, as devices rows) and responses, into an event that exists (see
 * createBulkEvent). Answers the seconds it took.
 */
export async function bulkLoadResponses(config: DatabaseConfig, plan: BulkLoadPlan): Promise<number> {
  const started = performance.now();
  const enrolledAt = new Date().toISOString();
  const devices = plan.kiosks.map((k) => [
    k.id,
    k.name,
    plan.eventId,
    '[]',
    createHash('sha256').update(k.id).digest('hex'),
    enrolledAt,
  ]);
  const deviceSql =
    'INSERT INTO devices (id, name, event_id, offered_forms, token_hash, enrolled_at) VALUES ';
  const names = SUBMISSION_COLUMNS.map(([name]) => name);
  if (config.kind === 'sqlite') {
    const db = new Sqlite(join(config.dataDir, SQLITE_FILE));
    try {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -131072');
      const insertDevice = db.prepare(`${deviceSql}(?, ?, ?, ?, ?, ?)`);
      const insert = db.prepare(
        `INSERT INTO submissions (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
      );
      const insertAll = db.transaction((rows: SubmissionRow[]) => {
        for (const row of rows) insert.run(names.map((n) => row[n]));
      });
      db.transaction(() => devices.forEach((row) => insertDevice.run(row)))();
      for (const batch of bulkSubmissionBatches(plan)) insertAll(batch);
    } finally {
      db.close();
    }
  } else {
    const client = new pg.Client({ connectionString: config.url });
    await client.connect();
    try {
      await client.query('SET synchronous_commit = off');
      for (const row of devices) await client.query(`${deviceSql}($1, $2, $3, $4, $5, $6)`, row);
      const record = SUBMISSION_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
      // As push does: the batch as one JSON parameter, which PostgreSQL parses in C.
      const sql = `INSERT INTO submissions (${names.join(', ')}) SELECT ${names.join(', ')} FROM json_to_recordset($1::json) AS r(${record})`;
      for (const batch of bulkSubmissionBatches(plan)) await client.query(sql, [JSON.stringify(batch)]);
      await client.query('ANALYZE submissions');
    } finally {
      await client.end();
    }
  }
  return (performance.now() - started) / 1000;
}
