// Worker threads that encode pages in parallel, so a big CSV or JSON Lines export uses every core:
// the main thread reads pages and writes text, the workers parse and encode. Callers await the
// pages in the order they sent them, so the output keeps the records' order. The summary report
// shares its statistics the same way, each worker gathering its pages' and handing them back.
//
// The worker script is encoder-worker.ts next to this file when running from source (loaded
// through tsx), or export-worker.js next to the bundled CLI (build/bundle.js makes it). Without
// it, start() answers undefined and the caller encodes on its own thread.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { runsFromSource, startScriptWorker } from '../threads/script-worker';
import type { WorkerReply, WorkerRequest } from './encoder-worker';
import type { StatsSnapshot } from './form-stats';
import type { EncoderSpec } from './page-encoder';
import type { StoredRow } from './record-pages';

const WORKER_URL = new URL(
  runsFromSource(import.meta.url) ? './encoder-worker.ts' : './export-worker.js',
  import.meta.url,
);

/** More workers than this only add copying: the main thread's reading becomes the limit. */
const MAX_WORKERS = 4;

/**
 * One worker per core besides this thread (which encodes its share), at most MAX_WORKERS; or
 * QUIOSCO_EXPORT_WORKERS (0: none).
 */
export function defaultWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const asked = Number(env.QUIOSCO_EXPORT_WORKERS);
  if (env.QUIOSCO_EXPORT_WORKERS !== undefined && Number.isInteger(asked) && asked >= 0) return asked;
  return Math.min(MAX_WORKERS, availableParallelism() - 1);
}

/**
 * A worker holds a page and the form: a small heap keeps the export's memory flat (garbage is
 * collected sooner instead of the heap growing to V8's defaults).
 */
const LIMITS = { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 };

/** A page's text: a string when encoded on this thread, UTF-8 bytes from a worker. */
/** `rows`: the table rows written (a repeat's table has one per instance, not per record). */
export type EncodedPage = { text: string | Buffer; records: number; rows: number };

type Waiting = { resolve(reply: WorkerReply): void; reject(error: Error): void };

export class EncoderPool {
  private readonly waiting = new Map<number, Waiting>();
  /** Pages sent to each worker and not answered yet. */
  private readonly busy: number[];
  private nextId = 0;
  private failure: Error | undefined;

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
  static start(spec: EncoderSpec, count: number): EncoderPool | undefined {
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

  /** Encodes the page on the least busy worker. */
  async encode(rows: StoredRow[]): Promise<EncodedPage> {
    const reply = await this.send(rows);
    if (!('bytes' in reply)) throw new Error('export worker: no text for the page');
    return {
      text: Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.length),
      records: reply.records,
      rows: reply.rows,
    };
  }

  /** Adds the page to the least busy worker's statistics; answers how many records it held. */
  async gather(rows: StoredRow[]): Promise<number> {
    const reply = await this.send(rows);
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

  private send(rows: StoredRow[]): Promise<WorkerReply> {
    const index = this.busy.indexOf(Math.min(...this.busy));
    this.busy[index] = (this.busy[index] ?? 0) + 1;
    return this.request(index, { rows }).finally(() => {
      this.busy[index] = (this.busy[index] ?? 1) - 1;
    });
  }

  private request(index: number, message: { rows: StoredRow[] } | { finish: true }): Promise<WorkerReply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<WorkerReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      (this.workers[index] as Worker).postMessage({ id, ...message } satisfies WorkerRequest);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}

function startWorker(spec: EncoderSpec): Worker {
  return startScriptWorker(WORKER_URL, { workerData: spec, resourceLimits: LIMITS });
}
