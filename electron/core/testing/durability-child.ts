// Run as `node --import tsx durability-child.ts DATA_DIR`: saves survey submissions through the
// real core as fast as it can and prints each id on its own line only once the save returned.
// The durability test kills it with SIGKILL mid-stream and checks every printed id survived.
import { writeSync } from 'node:fs';
import { contract } from '../../../shared/ipc/contract';
import { openKioskCore } from '../kiosk-core';
import { SURVEY_ANSWERS, surveySave } from './kiosk-fixtures';

const dataDir = process.argv[2];
if (dataDir === undefined) {
  process.stderr.write('usage: durability-child.ts DATA_DIR\n');
  process.exit(2);
}
const core = openKioskCore({ dataDir });
for (let i = 0; ; i++) {
  const result = await core.dispatch(
    'submission:save',
    surveySave({ ...SURVEY_ANSWERS, comentarios: `ronda ${i}` }),
  );
  if (!result.ok) {
    process.stderr.write(`save failed: ${JSON.stringify(result.error)}\n`);
    process.exit(1);
  }
  // Synchronous write: the line is out before the next save starts.
  writeSync(1, `${contract['submission:save'].output.parse(result.value).id}\n`);
}
