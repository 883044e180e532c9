// The floor the database allows under sync ingest, for bench/sync-ingest.bench.ts: an HTTP
// server that only gunzips a push body, JSON.parses it and inserts its records into the same
// submissions table with one prepared statement in one transaction per batch (PostgreSQL: one
// INSERT … SELECT FROM json_to_recordset, one round trip), committed as durably as the real
// server's. No authentication, checks, hashing, seqs or change log: what the real push adds to
// this is the price of everything it promises.
// Run as `node --import tsx bench/ingest-floor-server.ts CONFIG_JSON`; prints its URL.
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { SQLITE_FILE, type DatabaseConfig } from '../sync-server/db/server-database';

type Batch = { changes: { seq: number; payload: Record<string, unknown> }[] };
type Row = (string | number)[];

const COLUMNS = ['id', 'device_id', 'device_seq', 'event_id', 'form_id', 'form_version', 'complete']
  .concat(['created_at', 'received_at', 'content_hash', 'payload', 'record_id', 'revision', 'parents'])
  .concat(['current']);

function rowOf(seq: number, p: Record<string, unknown>, receivedAt: string): Row {
  const text = (key: string) => String(p[key]);
  return [text('id'), text('deviceId'), seq, text('eventId'), text('formId'), text('formVersion')]
    .concat([p.complete === true ? 1 : 0, text('createdAt'), receivedAt, '', JSON.stringify(p)])
    .concat([text('id'), 1, '[]', 1]);
}

function sqliteInserter(dataDir: string): (rows: Row[]) => Promise<void> {
  const db = new Sqlite(join(dataDir, SQLITE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const insert = db.prepare(
    `INSERT INTO submissions (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertAll = db.transaction((rows: Row[]) => {
    for (const row of rows) insert.run(row);
  });
  return async (rows) => insertAll(rows);
}

function postgresInserter(url: string): (rows: Row[]) => Promise<void> {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  const types = ['text', 'text', 'bigint', 'text', 'text', 'text', 'integer', 'text', 'text', 'text']
    .concat(['text', 'text', 'integer', 'text', 'integer'])
    .map((type, i) => `${COLUMNS[i]} ${type}`);
  const statement = `INSERT INTO submissions (${COLUMNS.join(', ')})
    SELECT ${COLUMNS.join(', ')} FROM json_to_recordset($1::json) AS r(${types.join(', ')})`;
  return async (rows) => {
    await connected;
    const records = rows.map((row) => Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]])));
    // One round trip: the statement and its commit together.
    await client.query({ name: 'floor_insert', text: statement, values: [JSON.stringify(records)] });
  };
}

async function bodyOf(request: IncomingMessage): Promise<Batch> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(gunzipSync(Buffer.concat(chunks)).toString('utf8')) as Batch;
}

const config = JSON.parse(process.argv[2] ?? '') as DatabaseConfig;
const insert = config.kind === 'sqlite' ? sqliteInserter(config.dataDir) : postgresInserter(config.url);
const server = createServer((request, response) => {
  void bodyOf(request)
    .then(async ({ changes }) => {
      const receivedAt = new Date().toISOString();
      await insert(changes.map((c) => rowOf(c.seq, c.payload, receivedAt)));
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    })
    .catch((e: unknown) => response.writeHead(500).end(String(e)));
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object') console.log(`http://127.0.0.1:${address.port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
