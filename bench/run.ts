// `npm run bench`: every benchmark's figures as a table, or one JSON object per line with --json.
import { benchAutosave } from './autosave.bench';
import { benchAttachments } from './attachments.bench';
import type { BenchResult } from './bench-result';
import { benchCameraDecoding } from './camera-decoding/decoding.bench';
import { benchConsoleDashboard } from './console-dashboard.bench';
import { benchConsoleLoad } from './console.bench';
import { benchCliStart } from './cli-start.bench';
import { benchDoor } from './door.bench';
import { benchEngine } from './engine.bench';
import { benchExports } from './exports.bench';
import { benchPhotoCapture } from './photo-capture.bench';
import { benchRegex } from './regex.bench';
import { benchFormEngine } from './form-engine.bench';
import { benchSave } from './save.bench';
import { benchSyncFleet } from './sync-fleet.bench';
import { benchSyncIngest } from './sync-ingest.bench';
import { benchTickets } from './tickets.bench';
import { benchUsbBundle } from './usb-bundle.bench';
import { benchWebKiosk } from './web-kiosk.bench';

const suites: [string, () => Promise<BenchResult[]>][] = [
  ['form engine', benchEngine],
  ['form engine at 500 questions', benchFormEngine],
  ['regex() on RE2', benchRegex],
  ['durable save', benchSave],
  ['draft autosave', benchAutosave],
  ['web kiosk', benchWebKiosk],
  ['tickets', benchTickets],
  ['door kiosk', benchDoor],
  ['sync ingest', benchSyncIngest],
  ['sync fleet', benchSyncFleet],
  ['photo upload', benchAttachments],
  ['USB bundle sealing', benchUsbBundle],
  ['camera decoding', benchCameraDecoding],
  ['photo capture', benchPhotoCapture],
  ['CLI start', benchCliStart],
  ['exports', benchExports],
  ['console first load', benchConsoleLoad],
  ['console dashboard', benchConsoleDashboard],
];

const asJson = process.argv.includes('--json');
// `--only TEXT`: the suites whose label contains TEXT (e.g. npm run bench -- --only "photo").
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
const rows: BenchResult[] = [];
for (const [label, run] of suites) {
  if (only !== undefined && !label.includes(only)) continue;
  if (!asJson) process.stderr.write(`running ${label}…\n`);
  const results = await run();
  rows.push(...results);
  if (asJson) for (const r of results) console.log(JSON.stringify(r));
}
if (!asJson) {
  const width = Math.max(...rows.map((r) => r.name.length));
  console.log(`${'benchmark'.padEnd(width)}  ${'value'.padStart(12)}  unit`);
  for (const r of rows) console.log(`${r.name.padEnd(width)}  ${String(r.value).padStart(12)}  ${r.unit}`);
}
