// Run as `node field-sync-child.ts DATA_DIR`: an enrolled kiosk that runs sync rounds forever,
// printing "synced CODE WAITING" after each (the round's last error or "ok", and the photos the
// server has not confirmed), so a test can SIGKILL it in the middle of a photo upload.
import { setTimeout as sleep } from 'node:timers/promises';
import { writeSync } from 'node:fs';
import { openKioskCore } from '../../electron/core/kiosk-core';
import { TEST_PIN } from '../../electron/core/testing/kiosk-fixtures';

const [dataDir] = process.argv.slice(2);
if (dataDir === undefined) {
  process.stderr.write('usage: field-sync-child.ts DATA_DIR\n');
  process.exit(2);
}
const core = openKioskCore({ dataDir, sync: { auto: false, timeoutMs: 5000 } });
const unlocked = await core.call('staff:unlock', { pin: TEST_PIN });
if (!unlocked.ok) throw new Error(unlocked.error.message);
for (;;) {
  const sync = await core.syncNow();
  const status = await core.call('staff:status', { token: unlocked.value.token });
  if (!status.ok) throw new Error(status.error.message);
  writeSync(1, `synced ${sync.lastError?.code ?? 'ok'} ${status.value.photosWaiting}\n`);
  // A server that is down refuses at once: pace the retries as the scheduler's backoff would.
  if (sync.lastError !== null) await sleep(50);
}
