// A server process's heap kept near what it holds. While kiosks push, the server makes garbage
// fast (every batch parsed, checked and written), and V8 then lets its heap grow to four times
// what is live before collecting: 10 kiosks pushing at once took the process to 305–357 MB on
// PostgreSQL while under 60 MB of it was live. Growing by at most the live size again holds the
// same ingest under 230 MB, for a few more collections (bench/sync-fleet.bench.ts). For the
// process that serves, not for a library: the setting is the whole process's.
import { setFlagsFromString } from 'node:v8';

/** Heap growth after a full collection, in percent of what survived it. */
export const HEAP_GROWTH_PERCENT = 100;

export function limitHeapGrowth(percent = HEAP_GROWTH_PERCENT): void {
  // Read by V8 at each full collection, so it takes effect when set after start.
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
