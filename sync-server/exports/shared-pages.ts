// The pages of a big export shared out to worker threads, each reading the pages it is given with
// a connection of its own (page-reader.ts) and encoding them or gathering their statistics, while
// this thread only finds the pages' bounds and takes the results in page order.
import type { ServerDb } from '../db/server-database';
import { EncoderPool } from './encoder-pool';
import type { ExportFilters } from './export-options';
import type { EncoderSpec } from './page-encoder';
import { rowSource, serverPageReader, type PageQuery } from './page-reader';
import { PageQueries, pageRanges, type StoredRow } from './record-pages';

/**
 * Rows per page that worker threads share: enough that finding its bounds and a message each way
 * are a small part of a page's work, few enough that a page and its bytes are a megabyte or two.
 */
const SHARED_PAGE_ROWS = 1000;

/**
 * `hereToo`: this thread takes a page whenever every worker has two waiting, as a worker would
 * (it then needs a worker fewer for the same speed: the summary report's statistics take memory
 * in each thread that gathers them).
 */
export type SharedPages = {
  formId: string;
  filters: ExportFilters;
  fieldRecords: boolean;
  workers: number;
  hereToo: boolean;
};

/**
 * `here` handles a page's rows on this thread, `there` has a worker read and handle a page;
 * `settle` sees their results in page order; `atEnd` runs while the workers are still there.
 */
export type PageWork<T> = {
  spec: EncoderSpec;
  here: (rows: StoredRow[]) => T;
  there: (pool: EncoderPool, page: PageQuery) => Promise<T>;
  settle: (result: T) => Promise<void>;
  atEnd?: (pool: EncoderPool) => Promise<void>;
};

/**
 * Has each page read and handled by a worker thread — once there is more than a page of rows to
 * look through: a few records are not worth starting threads for — or here when there are no workers
 * (or, `hereToo`, none has room). A few pages are in flight per worker at most.
 */
export async function sharePages<T>(
  s: ServerDb,
  { formId, filters, fieldRecords, workers, hereToo }: SharedPages,
  { spec, here, there, settle, atEnd }: PageWork<T>,
): Promise<void> {
  const queries = new PageQueries(s.db, formId, filters, fieldRecords);
  const inFlight: Promise<T>[] = [];
  const settleOldest = async () => settle(await (inFlight.shift() as Promise<T>));
  let pool: EncoderPool | undefined;
  // Finds the bounds, and reads the pages handled here.
  const reader = serverPageReader(s);
  try {
    for await (const range of pageRanges(s.db, reader, filters, SHARED_PAGE_ROWS)) {
      if (range.after === undefined && range.through !== undefined)
        pool = EncoderPool.start({ ...spec, source: rowSource(s) }, workers);
      const page = queries.of(range);
      const result =
        pool !== undefined && (pool.hasRoom || !hereToo) ? there(pool, page) : reader.read(page).then(here);
      // Settled in order below; a later page's failure must not go unhandled meanwhile.
      result.catch(() => undefined);
      inFlight.push(result);
      while (inFlight.length > (pool === undefined ? 0 : 2 * pool.size)) await settleOldest();
    }
    while (inFlight.length > 0) await settleOldest();
    if (pool !== undefined) await atEnd?.(pool);
  } finally {
    await pool?.close();
    await reader.close();
  }
}
