// Thumbnails are made on a worker thread: decoding a 2048 px JPEG takes ~0.6 s of CPU, which on the
// server's own thread would hold back every kiosk's sync meanwhile. One thread, started on first
// use; it does not keep the process alive while idle, and a crash only fails the photos it held
// (the next request starts a new one). Should the script be missing from an install, thumbnails
// are made on this thread instead of not at all.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { runsFromSource, startScriptWorker } from '../threads/script-worker';
import { makeThumbnail, ThumbnailError } from './photo-thumbnail';
import type { ThumbnailReply, ThumbnailRequest } from './thumbnail-worker';

const SCRIPT = new URL(
  runsFromSource(import.meta.url) ? './thumbnail-worker.ts' : './thumbnail-worker.js',
  import.meta.url,
);

type Waiting = { resolve(thumbnail: Buffer): void; reject(error: Error): void };
type Thread = { worker: Worker; waiting: Map<number, Waiting> };

let thread: Thread | undefined;
let nextId = 0;

/** A JPEG thumbnail of `jpeg` (long edge `edge`); rejects with ThumbnailError when it won't decode. */
export async function thumbnailOf(jpeg: Buffer, edge: number): Promise<Buffer> {
  if (!existsSync(fileURLToPath(SCRIPT))) return makeThumbnail(jpeg, edge);
  const current = (thread ??= startThread());
  const id = nextId++;
  return new Promise((resolve, reject) => {
    current.waiting.set(id, { resolve, reject });
    current.worker.ref();
    current.worker.postMessage({ id, jpeg, edge } satisfies ThumbnailRequest);
  });
}

function startThread(): Thread {
  const started: Thread = { worker: startScriptWorker(SCRIPT), waiting: new Map() };
  const { worker, waiting } = started;
  worker.unref();
  worker.on('message', (reply: ThumbnailReply) => {
    const asked = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if ('thumbnail' in reply) asked?.resolve(Buffer.from(reply.thumbnail));
    else asked?.reject(reply.corrupt ? new ThumbnailError(reply.error) : new Error(reply.error));
  });
  const stop = (error: Error): void => {
    if (thread === started) thread = undefined;
    for (const asked of waiting.values()) asked.reject(error);
    waiting.clear();
  };
  worker.on('error', stop);
  worker.on('exit', (code) => stop(new Error(`thumbnail worker stopped (exit code ${code})`)));
  return started;
}
