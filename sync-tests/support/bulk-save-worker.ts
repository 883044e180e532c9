// A worker thread of bulk-save-workers.ts: fills each data directory it is sent (bulkSave) and
// answers when it is done.
import { parentPort } from 'node:worker_threads';
import type { BulkSaveDone, BulkSaveJob } from './bulk-save-workers';
import { bulkSave } from './sync-kiosk';

parentPort?.on('message', ({ id, dataDir, count }: BulkSaveJob) => {
  try {
    bulkSave(dataDir, count);
    parentPort?.postMessage({ id } satisfies BulkSaveDone);
  } catch (e) {
    parentPort?.postMessage({ id, error: e instanceof Error ? e.message : String(e) } satisfies BulkSaveDone);
  }
});
