// Durable save: one survey submission through the kiosk core's dispatch (validation, engine,
// one transaction with its outbox row) into a real file with synchronous=FULL. The baseline is
// the same save with synchronous=OFF, which skips the fsyncs: the difference is the durability cost.
import { openKioskDatabase } from '../electron/core/db/kiosk-database';
import { createKioskCore, type KioskCore } from '../electron/core/kiosk-core';
import { initTestKiosk, makeTempDir, surveySave } from '../electron/core/testing/kiosk-fixtures';
import { type BenchResult, median, percentile, round } from './bench-result';

const WARMUP = 50;
const SAVES = 500;

async function saveOnce(core: KioskCore, input: unknown): Promise<void> {
  const result = await core.dispatch('submission:save', input);
  if (!result.ok) throw new Error(`save failed: ${result.error.code} ${result.error.message}`);
}

async function timeSaves(synchronous: 'FULL' | 'OFF'): Promise<number[]> {
  const dir = makeTempDir('quiosco-bench-');
  try {
    await initTestKiosk(dir.path);
    const db = openKioskDatabase(dir.path);
    db.pragma(`synchronous = ${synchronous}`);
    const core = createKioskCore(db);
    try {
      const input = surveySave();
      for (let i = 0; i < WARMUP; i++) await saveOnce(core, input);
      const samples: number[] = [];
      for (let i = 0; i < SAVES; i++) {
        const started = performance.now();
        await saveOnce(core, input);
        samples.push(performance.now() - started);
      }
      return samples;
    } finally {
      core.close();
    }
  } finally {
    dir.remove();
  }
}

export async function benchSave(): Promise<BenchResult[]> {
  const durable = await timeSaves('FULL');
  const baseline = await timeSaves('OFF');
  return [
    { name: 'durable save, synchronous=FULL (median)', value: round(median(durable)), unit: 'ms' },
    { name: 'durable save, synchronous=FULL (p99)', value: round(percentile(durable, 99)), unit: 'ms' },
    { name: 'baseline: same save, synchronous=OFF (median)', value: round(median(baseline)), unit: 'ms' },
    {
      name: 'baseline: same save, synchronous=OFF (p99)',
      value: round(percentile(baseline, 99)),
      unit: 'ms',
    },
  ];
}
