// Run as `node --import tsx kiosk-sync-child.ts DATA_DIR BATCH_SIZE`: an enrolled kiosk that
// saves a few records, syncs, and again, forever. It prints "saved ID" once a save returned and
// "synced CODE" after each round, so the test can SIGKILL it in the middle of a sync.
import { writeSync } from 'node:fs';
import { contract } from '../../shared/ipc/contract';
import { openKioskCore } from '../../electron/core/kiosk-core';
import { SURVEY_ANSWERS, surveySave } from '../../electron/core/testing/kiosk-fixtures';

const [dataDir, batch] = process.argv.slice(2);
if (dataDir === undefined || batch === undefined) {
  process.stderr.write('usage: kiosk-sync-child.ts DATA_DIR BATCH_SIZE\n');
  process.exit(2);
}
const core = openKioskCore({ dataDir, sync: { auto: false, pushBatchSize: Number(batch) } });
for (let i = 0; ; i++) {
  for (let j = 0; j < 1 + (i % 4); j++) {
    const result = await core.dispatch(
      'submission:save',
      surveySave({ ...SURVEY_ANSWERS, comentarios: `hijo ${i}.${j}` }),
    );
    if (!result.ok) {
      process.stderr.write(`save failed: ${JSON.stringify(result.error)}\n`);
      process.exit(1);
    }
    writeSync(1, `saved ${contract['submission:save'].output.parse(result.value).id}\n`);
  }
  const status = await core.syncNow();
  writeSync(1, `synced ${status.lastError?.code ?? 'ok'}\n`);
}
