// Run as `node --import tsx heap-churn-child.ts limited|default`: makes garbage the way a server
// ingesting does (batches that live a while, then die, over a steady live set) and prints the
// largest heap V8 kept, in bytes, for heap-growth.test.ts.
import { getHeapStatistics } from 'node:v8';
import { limitHeapGrowth } from '../heap-growth';

if (process.argv[2] === 'limited') limitHeapGrowth();
const batch = (n: number) => Array.from({ length: 4_000 }, (_, i) => ({ n, i, text: `record ${n}-${i}` }));
const inFlight = Array.from({ length: 25 }, (_, n) => batch(n));
let largest = 0;
for (let n = 0; n < 500; n++) {
  inFlight[n % inFlight.length] = batch(n);
  largest = Math.max(largest, getHeapStatistics().total_heap_size);
}
process.stdout.write(`${largest}\n`);
