// USB bundles sealed to the server's key: writing a 64 MiB signed bundle (as a kiosk with a day of
// photos would) sealed in 64 KiB STREAM chunks, against the same file written plain — the cost of
// the encryption — and the server opening it against reading the plain file. Medians of runs that
// alternate sealed and plain, so a busy machine weighs on both alike. Then the server's import of a
// 200 MiB bundle (records and photos) sealed, against the same bundle plain: peak RSS growth and
// CPU time of the import in a process of its own, after a small warm-up import
// (sync-server/bundle/testing/measure-import.ts).
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { execFile } from 'node:child_process';
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import { writeSignedFile } from '../shared/sync/node/bundle-file';
import { openSealedFile, rawPublicKey } from '../shared/sync/node/bundle-seal';
import { serverBundleKeys } from '../sync-server/bundle/server-bundle-key';
import { writeLargeBundle } from '../sync-server/bundle/testing/large-bundle';
import type { ImportMeasure } from '../sync-server/bundle/testing/measure-import';
import { openServerForTest } from '../sync-server/testing/test-server';
import { type BenchResult, median, round } from './bench-result';

const LINES = 64;
const LINE = `${JSON.stringify({ data: 'A'.repeat(1024 * 1024 - 20) })}\n`;
const MIB = (LINE.length * LINES) / (1024 * 1024);
const RUNS = 7;

export async function benchUsbBundle(): Promise<BenchResult[]> {
  const dir = makeTempDir('quiosco-bench-bundle-');
  const { privateKey } = generateKeyPairSync('x25519');
  const key = { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
  const times = {
    sealedWrite: [] as number[],
    plainWrite: [] as number[],
    open: [] as number[],
    read: [] as number[],
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      // Each run swaps which goes first, so neither always pays for the other's flush.
      for (const sealed of run % 2 === 0 ? [true, false] : [false, true]) {
        const started = performance.now();
        const file = writeSignedFile(
          dir.path,
          `b-${run}-${sealed}.qbundle`,
          'k'.repeat(64),
          ({ line }) => {
            for (let i = 0; i < LINES; i++) line(LINE);
            return { changes: LINES, chunks: 0 };
          },
          sealed ? key.publicKey : undefined,
        );
        (sealed ? times.sealedWrite : times.plainWrite).push(performance.now() - started);
        const opened = performance.now();
        let bytes = 0;
        if (sealed) openSealedFile(file, key, (b) => (bytes += b.length));
        else bytes = readFileSync(file).length;
        (sealed ? times.open : times.read).push(performance.now() - opened);
        if (bytes < LINE.length * LINES) throw new Error('short bundle');
        rmSync(file);
      }
    }
  } finally {
    dir.remove();
  }
  const rate = (ms: number) => round(MIB / (ms / 1000), 1);
  return [
    {
      name: `USB bundle ${Math.round(MIB)} MiB, write sealed (median)`,
      value: round(median(times.sealedWrite), 1),
      unit: 'ms',
    },
    {
      name: 'baseline: same bundle written plain (median)',
      value: round(median(times.plainWrite), 1),
      unit: 'ms',
    },
    {
      name: 'USB bundle, write sealed (median throughput)',
      value: rate(median(times.sealedWrite)),
      unit: 'MiB/s',
    },
    {
      name: 'USB bundle, open sealed at the server (median)',
      value: round(median(times.open), 1),
      unit: 'ms',
    },
    { name: 'baseline: read the plain file (median)', value: round(median(times.read), 1), unit: 'ms' },
    ...(await benchImport()),
  ];
}

const IMPORT_RUNS = 5;
const MEASURE = join(import.meta.dirname, '../sync-server/bundle/testing/measure-import.ts');

/** Imports of one large bundle sealed and plain, alternating, each into a fresh copy of one database. */
async function benchImport(): Promise<BenchResult[]> {
  const dir = makeTempDir('quiosco-bench-import-');
  try {
    const template = join(dir.path, 'template');
    const server = await openServerForTest('sqlite', {
      database: { kind: 'sqlite', dataDir: template },
      keptBundleKey: { legacyDir: undefined },
    });
    const [key] = await serverBundleKeys(server.server.db);
    const eventId = await server.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
    const device = await server.enrol(eventId);
    const other = await server.enrol(eventId, 'Quiosco de calentamiento');
    await server.close();
    const size = { records: 3000, photos: 34, photoBytes: 4_500_000 };
    const files = {
      sealed: writeLargeBundle(dir.path, device, size, key?.publicKey),
      plain: writeLargeBundle(dir.path, device, size, undefined),
    };
    // Imported first in each process: what any import pays once is left out of the peak.
    const warmUp = writeLargeBundle(
      dir.path,
      other,
      { records: 1000, photos: 1, photoBytes: 200_000 },
      undefined,
    );
    const growth = { sealed: [] as number[], plain: [] as number[] };
    const cpu = { sealed: [] as number[], plain: [] as number[] };
    for (let run = 0; run < IMPORT_RUNS; run++) {
      for (const how of run % 2 === 0 ? (['sealed', 'plain'] as const) : (['plain', 'sealed'] as const)) {
        const data = join(dir.path, `run-${run}-${how}`);
        cpSync(template, data, { recursive: true });
        const { stdout } = await promisify(execFile)(
          process.execPath,
          ['--import', 'tsx', MEASURE, data, files[how].file, warmUp.file],
          { maxBuffer: 1024 * 1024 },
        );
        const m = JSON.parse(stdout) as ImportMeasure;
        if (m.photosStored !== size.photos)
          throw new Error(`the ${how} import stored ${m.photosStored} photos`);
        growth[how].push((m.peakKb - m.rssBeforeKb) / 1024);
        cpu[how].push(m.cpuMs / 1000);
        rmSync(data, { recursive: true });
      }
    }
    const mib = Math.round(files.sealed.bytes / (1024 * 1024));
    return [
      {
        name: `import a sealed ${mib} MiB bundle: peak RSS growth (median)`,
        value: round(median(growth.sealed), 1),
        unit: 'MiB',
      },
      {
        name: 'baseline: same bundle plain: peak RSS growth (median)',
        value: round(median(growth.plain), 1),
        unit: 'MiB',
      },
      {
        name: `import a sealed ${mib} MiB bundle: CPU time (median)`,
        value: round(median(cpu.sealed), 2),
        unit: 's',
      },
      {
        name: 'baseline: same bundle plain: CPU time (median)',
        value: round(median(cpu.plain), 2),
        unit: 's',
      },
    ];
  } finally {
    dir.remove();
  }
}
