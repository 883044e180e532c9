// Draft autosave: one draft:save through the kiosk core after staff answer one more question of
// a heritage record (the draft replaced whole, committed before the call answers) into a real file
// with synchronous=FULL. The baseline is the same autosave with synchronous=NORMAL, which in WAL
// mode skips the fsync at commit: the difference is what durability costs. Goal: ≤ 5 ms median.
import { openKioskDatabase } from '../electron/core/db/kiosk-database';
import { createKioskCore } from '../electron/core/kiosk-core';
import { heritageAnswers, heritageDraft, staffCaller } from '../electron/core/testing/field-fixtures';
import { initTestKiosk, makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import { type BenchResult, median, percentile, round } from './bench-result';

const WARMUP = 50;
const SAVES = 500;

async function timeAutosaves(synchronous: 'FULL' | 'NORMAL'): Promise<number[]> {
  const dir = makeTempDir('quiosco-bench-');
  try {
    await initTestKiosk(dir.path);
    const db = openKioskDatabase(dir.path);
    db.pragma(`synchronous = ${synchronous}`);
    const core = createKioskCore(db, { sync: { auto: false } });
    try {
      const { call } = await staffCaller(core);
      const { draftId } = await call('draft:save', heritageDraft({ consiente_registro: 'si' }));
      const samples: number[] = [];
      for (let i = 0; i < WARMUP + SAVES; i++) {
        // One more answer each time: the description grows as staff type it.
        const answers = heritageAnswers([], { descripcion: `Larvas de hormiga guisadas, paso ${i}` });
        const started = performance.now();
        await call('draft:save', heritageDraft(answers, { draftId, position: { path: 'descripcion' } }));
        if (i >= WARMUP) samples.push(performance.now() - started);
      }
      return samples;
    } finally {
      core.close();
    }
  } finally {
    dir.remove();
  }
}

export async function benchAutosave(): Promise<BenchResult[]> {
  const durable = await timeAutosaves('FULL');
  const baseline = await timeAutosaves('NORMAL');
  return [
    { name: 'draft autosave, synchronous=FULL (median)', value: round(median(durable)), unit: 'ms' },
    { name: 'draft autosave, synchronous=FULL (p99)', value: round(percentile(durable, 99)), unit: 'ms' },
    {
      name: 'baseline: same autosave, synchronous=NORMAL (median)',
      value: round(median(baseline)),
      unit: 'ms',
    },
    {
      name: 'baseline: same autosave, synchronous=NORMAL (p99)',
      value: round(percentile(baseline, 99)),
      unit: 'ms',
    },
  ];
}
