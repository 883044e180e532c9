// Worker threads that read and encode pages in parallel, so a big CSV or JSON Lines export uses
// every core: the main thread finds the pages' bounds and writes text, each worker reads the pages
// it is given with a connection of its own, parses and encodes them. Callers await the pages in
// the order they sent them, so the output keeps the records' order. The summary report shares
// its statistics the same way, each worker gathering its pages' and handing them back.
//
// The worker script is encoder-worker.ts next to this file when running from source (loaded
// through tsx), or export-worker.js next to the bundled CLI (build/bundle.js makes it). Without
// it, start() answers undefined and the caller encodes on its own thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { runsFromSource, startScriptWorker } from '../threads/script-worker';
import type { WorkerReply, WorkerRequest, WorkerSpec } from './encoder-worker';
import type { StatsSnapshot } from './form-stats';
import type { PageQuery } from './page-reader';

const WORKER_URL = new URL(
  runsFromSource(import.meta.url) ? './encoder-worker.ts' : './export-worker.js',
  import.meta.url,
);

/** More workers than this would crowd the database and memory more than they would speed up. */
const MAX_WORKERS = 4;

/**
 * One worker per core (this thread only finds pages and writes them), at most MAX_WORKERS; or
 * QUIOSCO_EXPORT_WORKERS (0: none).
 */
export function defaultWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.QUIOSCO_EXPORT_WORKERS);
  if (env.QUIOSCO_EXPORT_WORKERS !== undefined && Number.isInteger(asked) && asked >= 0) return asked;
  return Math.min(MAX_WORKERS, availableParallelism());
}

/**
 * A worker holds a page and the form: a small heap keeps the export's memory flat (garbage is
 * collected sooner instead of the heap growing to V8's defaults).
 */
const LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };

/**
 * A page's UTF-8 bytes; `rows`: the table rows written (a repeat's table has one per instance).
 * `written` hands the bytes' buffer back for another page once the output is done with it.
 */
export type EncodedPage = { bytes: Buffer; records: number; rows: number; written(): void };

/** Written pages' buffers kept for the next pages (a few pages are in flight). */
const MAX_SPARES = 8;

type Waiting = { resolve(reply: WorkerReply): void; reject(error: Error): void };

export class EncoderPool {
  private readonly waiting = new Map<number, Waiting>();
  /** Pages sent to each worker and not answered yet. */
  private readonly busy: number[];
  private nextId = 0;
  private failure: Error | undefined;
  /**
   * Buffers of pages written, each sent back with a page to encode. Else this thread would keep
   * them until its next garbage collection, which, with little else to collect here, comes only
   * after tens of megabytes of them.
   */
  private readonly spares: ArrayBuffer[] = [];

  private constructor(private readonly workers: Worker[]) {
    this.busy = workers.map(() => 0);
    for (const worker of workers) {
      worker.on('message', (reply: WorkerReply) => {
        const waiting = this.waiting.get(reply.id);
        this.waiting.delete(reply.id);
        if ('error' in reply) waiting?.reject(new Error(`export worker: ${reply.error}`));
        else waiting?.resolve(reply);
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (this.waiting.size > 0) this.fail(new Error(`export worker stopped (exit code ${code})`));
      });
    }
  }

  /** A pool of `count` workers, or undefined when there is no worker script to run. */
  static start(spec: WorkerSpec, count: number): EncoderPool | undefined {
    if (count < 1 || !existsSync(fileURLToPath(WORKER_URL))) return undefined;
    return new EncoderPool(Array.from({ length: count }, () => startWorker(spec)));
  }

  get size(): number {
    return this.workers.length;
  }

  /** Whether a worker could take a page now (fewer than two waiting with it). */
  get hasRoom(): boolean {
    return this.busy.some((pages) => pages < 2);
  }

  /** Has the least busy worker read and encode the page. */
  async encode(page: PageQuery): Promise<EncodedPage> {
    const reply = await this.send(page);
    if (!('bytes' in reply)) throw new Error('export worker: no text for the page');
    const { buffer } = reply.bytes;
    return {
      bytes: Buffer.from(buffer, reply.bytes.byteOffset, reply.bytes.length),
      records: reply.records,
      rows: reply.rows,
      written: () => {
        if (this.spares.length < MAX_SPARES) this.spares.push(buffer as ArrayBuffer);
      },
    };
  }

  /** Adds the page to the least busy worker's statistics; answers how many records it held. */
  async gather(page: PageQuery): Promise<number> {
    const reply = await this.send(page);
    if (!('records' in reply)) throw new Error('export worker: no count for the page');
    return reply.records;
  }

  /** Each worker's statistics, once every page has been gathered. */
  async snapshots(): Promise<StatsSnapshot[]> {
    const replies = await Promise.all(this.workers.map((_, i) => this.request(i, { finish: true })));
    return replies.map((reply) => {
      if (!('snapshot' in reply)) throw new Error('export worker: no statistics');
      return reply.snapshot;
    });
  }

  private send(page: PageQuery): Promise<WorkerReply> {
    const index = this.busy.indexOf(Math.min(...this.busy));
    this.busy[index] = (this.busy[index] ?? 0) + 1;
    return this.request(index, { page }).finally(() => {
      this.busy[index] = (this.busy[index] ?? 1) - 1;
    });
  }

  private request(
    index: number,
    message: { page: PageQuery } | { finish: true } | { close: true },
  ): Promise<WorkerReply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    const spare = 'page' in message ? this.spares.pop() : undefined;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      (this.workers[index] as Worker).postMessage(
        { id, ...message, ...(spare && { spare }) } satisfies WorkerRequest,
        spare === undefined ? [] : [spare],
      );
    });
  }

  /** Closes the workers' connections (a PostgreSQL server would log each cut one), then stops them. */
  async close(): Promise<void> {
    await Promise.allSettled(this.workers.map((_, i) => this.request(i, { close: true })));
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

function startWorker(spec: WorkerSpec): Worker {
  return startScriptWorker(WORKER_URL, { workerData: spec, resourceLimits: LIMITS });
}
