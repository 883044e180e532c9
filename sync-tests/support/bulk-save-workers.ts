// bulkSave on worker threads: filling a hundred kiosks' outboxes one after another on the main
// thread took most of a fleet bench's set-up, with the server idle and the other core too. Each
// worker (bulk-save-worker.ts) fills the data directories it is sent, through its own connection
// as bulkSave does on the main thread (the kiosk core may stay open).
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bundledEntry } from './child-entry';

export type BulkSaveJob = { id: number; dataDir: string; count: number };
export type BulkSaveDone = { id: number; error?: string };

const ENTRY = fileURLToPath(new URL('./bulk-save-worker.ts', import.meta.url));

export type BulkSaveWorkers = {
  /** Fills `dataDir` with `count` responses (bulkSave) on a free worker. */
  fill(dataDir: string, count: number): Promise<void>;
  close(): Promise<void>;
};

export async function startBulkSaveWorkers(size: number): Promise<BulkSaveWorkers> {
  // Bundled like the server child: workers do not inherit the process's --import tsx.
  const entry = await bundledEntry(ENTRY);
  const workers = Array.from({ length: size }, () => new Worker(entry));
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const load = workers.map(() => 0);
  let next = 0;
  workers.forEach((worker, i) =>
    worker.on('message', ({ id, error }: BulkSaveDone) => {
      load[i] = (load[i] ?? 1) - 1;
      const job = pending.get(id);
      pending.delete(id);
      if (error === undefined) job?.resolve();
      else job?.reject(new Error(error));
    }),
  );
  return {
    fill(dataDir, count) {
      const least = load.indexOf(Math.min(...load));
      load[least] = (load[least] ?? 0) + 1;
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        workers[least]?.postMessage({ id, dataDir, count } satisfies BulkSaveJob);
      });
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
