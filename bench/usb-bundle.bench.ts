// USB bundles sealed to the server's key: writing a 64 MiB signed bundle (as a kiosk with a day of
// photos would) sealed in 64 KiB STREAM chunks, against the same file written plain — the cost of
// the encryption — and the server opening it against reading the plain file. Medians of runs that
// alternate sealed and plain, so a busy machine weighs on both alike.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import { writeSignedFile } from '../shared/sync/node/bundle-file';
import { openSealedFile, rawPublicKey } from '../shared/sync/node/bundle-seal';
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
  ];
}
