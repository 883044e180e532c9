// Runs an export's page queries (compiled SQL and its parameters, see page-queries.ts) and
// answers the rows as plain arrays. On SQLite from a read-only connection of the reader's own
// (better-sqlite3's raw mode), which halves the cost of reading a row; on PostgreSQL by pg's
// query in its callback form rather than through Kysely. Kysely calls pg's Client.query in its
// promise form, which gives the query its callback only after building it, and pg then spent twice
// the CPU and several times the garbage collection on the same rows (pg 8.23, Node 20: 3.0 s
// instead of 1.5 s for a million rows).
// Where to read is plain data (RowSource), so a worker thread opens a connection of its own and
// reads the pages it is given itself: no thread reads rows only to copy them to another.
import type { Statement } from 'better-sqlite3';
import type pg from 'pg';
import type { ServerDb } from '../db/server-database';
import type { StoredRow } from './record-pages';

/** The database's file, or its URL (with its password: a worker connects with it). */
export type RowSource = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export type PageQuery = { sql: string; parameters: readonly (string | number)[] };

export type PageReader = {
  read(query: PageQuery): Promise<StoredRow[]>;
  /** The first column of the query's first row (a page's bound), undefined when none. */
  first(query: PageQuery): Promise<string | undefined>;
  close(): Promise<void>;
};

/**
 * An export's connection reads each table page once, in order: a small cache does as well as a
 * big one (better-sqlite3's default is 16 MB, and an export has one connection per thread).
 */
const SQLITE_CACHE_KIB = 2048;

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

/**
 * A reader with a connection of its own (a worker's). Each driver is loaded only when used: a
 * worker's memory is part of the export's.
 */
export function openPageReader(source: RowSource): PageReader {
  return source.kind === 'postgres' ? pgClientReader(source.url) : sqliteReader(source.file);
}

function pgClientReader(url: string): PageReader {
  const client = import('pg').then(async ({ default: pg }) => {
    const connected = new pg.Client({ connectionString: url });
    await connected.connect();
    return connected;
  });
  // One query at a time on the client (pg would queue them, but deprecates it): the next page
  // is asked for while the last is encoded, so it waits here instead.
  let queue: Promise<unknown> = client;
  return pgReader(
    {
      query: (config, done) => {
        queue = queue.then(
          () =>
            client.then(
              (c) =>
                new Promise<void>((settled) =>
                  c.query(config, (error, result) => settled(done(error, result))),
                ),
            ),
          (error: Error) => done(error),
        );
      },
    },
    async () => {
      await client.then(
        (c) => c.end(),
        () => undefined,
      );
    },
  );
}

function sqliteReader(file: string): PageReader {
  const connection = import('better-sqlite3').then(({ default: Sqlite }) => {
    const opened = new Sqlite(file, { readonly: true, fileMustExist: true });
    opened.pragma('busy_timeout = 5000');
    opened.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    return opened;
  });
  // A few distinct queries (first, middle and last pages, bounds), each prepared once.
  const statements = new Map<string, Statement>();
  const prepared = async (sql: string): Promise<Statement> => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = (await connection).prepare(sql).raw();
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    read: async ({ sql, parameters }) => (await prepared(sql)).all(...parameters) as StoredRow[],
    first: async ({ sql, parameters }) => {
      const row = (await prepared(sql)).get(...parameters) as [string] | undefined;
      return row?.[0];
    },
    // A connection that failed to open was reported by the read that needed it.
    close: () =>
      connection.then(
        (db) => {
          db.close();
        },
        () => undefined,
      ),
  };
}

type ArrayQuery = { text: string; values: unknown[]; rowMode: 'array' };
type Queryable = {
  query(config: ArrayQuery, done: (error: Error | null, result?: pg.QueryArrayResult) => void): void;
};

function pgReader(queryable: Queryable, close: () => Promise<void>): PageReader {
  const rows = ({ sql, parameters }: PageQuery) =>
    new Promise<unknown[][]>((resolve, reject) => {
      queryable.query({ text: sql, values: [...parameters], rowMode: 'array' }, (error, result) => {
        if (error || result === undefined) reject(error ?? new Error('PostgreSQL gave no result'));
        else resolve(result.rows);
      });
    });
  return {
    read: async (query) => (await rows(query)) as unknown as StoredRow[],
    first: async (query) => {
      const [row] = await rows(query);
      return row === undefined ? undefined : String(row[0]);
    },
    close,
  };
}
