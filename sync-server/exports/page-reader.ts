// Runs an export's page queries (compiled SQL and its parameters, see page-queries.ts) and
// answers the rows as plain arrays. On SQLite from a read-only connection of the reader's own
// (better-sqlite3's raw mode), which halves the cost of reading a row; on PostgreSQL by pg's
// query in its callback form rather than through Kysely. Kysely calls pg's Client.query in its
// promise form, which gives the query its callback only after building it, and pg then spent twice
// the CPU and several times the garbage collection on the same rows (pg 8.23, Node 20: 3.0 s
// instead of 1.5 s for a million rows).
// Where to read is plain data (RowSource), so a worker thread opens a connection of its own and
// reads the pages it is given itself: no thread reads rows only to copy them to another.
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import type { ServerDb } from '../db/server-database';
import type { StoredRow } from './record-pages';

/** The database's file, or its URL (with its password: a worker connects with it). */
export type RowSource = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export type PageQuery = { sql: string; parameters: readonly (string | number)[] };

export type PageReader = {
  read(query: PageQuery): Promise<StoredRow[]>;
  close(): Promise<void>;
};

export function rowSource(s: ServerDb): RowSource {
  const url = s.pgPool?.options.connectionString;
  if (s.kind === 'sqlite') return { kind: 'sqlite', file: s.location };
  if (url === undefined) throw new Error('the PostgreSQL pool has no connection string');
  return { kind: 'postgres', url };
}

/** A reader over the server's own connections: its PostgreSQL pool, or a new SQLite connection. */
export function serverPageReader(s: ServerDb): PageReader {
  if (s.pgPool !== undefined) return pgReader(s.pgPool, async () => undefined);
  return openPageReader(rowSource(s));
}

/** A reader with a connection of its own (a worker's). */
export function openPageReader(source: RowSource): PageReader {
  if (source.kind === 'postgres') {
    const client = new pg.Client({ connectionString: source.url });
    // One query at a time on the client (pg would queue them, but deprecates it): the next page
    // is asked for while the last is encoded, so it waits here instead.
    let queue: Promise<unknown> = client.connect();
    return pgReader(
      {
        query: (config, done) => {
          queue = queue.then(
            () =>
              new Promise<void>((settled) =>
                client.query(config, (error, result) => settled(done(error, result))),
              ),
            (error: Error) => done(error),
          );
        },
      },
      () => client.end(),
    );
  }
  const connection = new Sqlite(source.file, { readonly: true, fileMustExist: true });
  connection.pragma('busy_timeout = 5000');
  // A few distinct queries (first, middle and last pages), each prepared once.
  const statements = new Map<string, Sqlite.Statement>();
  return {
    read: async ({ sql, parameters }) => {
      let statement = statements.get(sql);
      if (statement === undefined) {
        statement = connection.prepare(sql).raw();
        statements.set(sql, statement);
      }
      return statement.all(...parameters) as StoredRow[];
    },
    close: async () => {
      connection.close();
    },
  };
}

type ArrayQuery = { text: string; values: unknown[]; rowMode: 'array' };
type Queryable = {
  query(config: ArrayQuery, done: (error: Error | null, result?: pg.QueryArrayResult) => void): void;
};

function pgReader(queryable: Queryable, close: () => Promise<void>): PageReader {
  return {
    read: ({ sql, parameters }) =>
      new Promise((resolve, reject) => {
        queryable.query({ text: sql, values: [...parameters], rowMode: 'array' }, (error, result) => {
          if (result === undefined) reject(error ?? new Error('PostgreSQL gave no result'));
          else resolve(result.rows as unknown as StoredRow[]);
        });
      }),
    close,
  };
}
