// Only the camera decoding bench (`npm run bench` runs every benchmark):
// `npx tsx bench/camera-decoding/run.ts [--json]`. Needs no build: the pages are bundled on the fly.
import { benchCameraDecoding } from './decoding.bench';

const rows = await benchCameraDecoding();
if (process.argv.includes('--json')) for (const row of rows) console.log(JSON.stringify(row));
else {
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(8)}  ${r.unit}`);
}
