// Importing a bundle holds a line at a time, not the file: a sealed bundle several times the bound
// (records and photos, as a kiosk writes them) is opened and imported in a process of its own,
// whose peak RSS over its RSS before the import must stay under the bound. Its heap is capped
// (--max-old-space-size, as on a server short of memory): with the default limits V8 lets some
// 100 MiB of garbage pile up before collecting, whatever the size, and an import that held the
// file (the one before, which grew by over twice the file) cannot run under the cap at all. The
// child imports a small bundle first, so what any import pays once (the push's checking thread,
// with a heap of its own) is not counted; a batch of a thousand records is. The plain path is the
// same reader without the decryption. SQLite only: the memory is the reader's.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { openServerForTest } from '../testing/test-server';
import { serverBundleKeys } from './server-bundle-key';
import { writeLargeBundle } from './testing/large-bundle';
import type { ImportMeasure } from './testing/measure-import';

const MIB = 1024 * 1024;
/** Growth allowed over the RSS before the import; the bundle is over 2.5 times as large. */
const BOUND_MIB = 96;
const HEAP_MIB = 128;
const CHILD = join(import.meta.dirname, 'testing', 'measure-import.ts');

describe('importing a large bundle', () => {
  const tmp = makeTempDir('quiosco-import-memory-');
  afterAll(() => tmp.remove());

  it('a sealed bundle over 250 MiB is imported whole with peak RSS growth under 96 MiB', async () => {
    const dataDir = join(tmp.path, 'server');
    const server = await openServerForTest('sqlite', {
      database: { kind: 'sqlite', dataDir },
      keptBundleKey: { legacyDir: undefined },
    });
    let bundle: ReturnType<typeof writeLargeBundle>;
    let warmUp: ReturnType<typeof writeLargeBundle>;
    try {
      const eventId = await server.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
      const device = await server.enrol(eventId);
      const other = await server.enrol(eventId, 'Quiosco de calentamiento');
      const size = { records: 3000, photos: 44, photoBytes: 4_500_000 };
      const [key] = await serverBundleKeys(server.server.db);
      bundle = writeLargeBundle(tmp.path, device, size, key?.publicKey);
      warmUp = writeLargeBundle(
        tmp.path,
        other,
        { records: 1000, photos: 1, photoBytes: 200_000 },
        key?.publicKey,
      );
    } finally {
      await server.close();
    }
    expect(bundle.bytes).toBeGreaterThan(2.5 * BOUND_MIB * MIB);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [`--max-old-space-size=${HEAP_MIB}`, '--import', 'tsx', CHILD, dataDir, bundle.file, warmUp.file],
      { maxBuffer: MIB },
    );
    const measure = JSON.parse(stdout) as ImportMeasure;
    expect(measure).toMatchObject({ newChanges: 3000, photosStored: 44 });
    const growthMib = (measure.peakKb - measure.rssBeforeKb) / 1024;
    console.log(
      `sealed ${(bundle.bytes / MIB).toFixed(0)} MiB bundle: peak RSS growth ${growthMib.toFixed(1)} MiB`,
    );
    expect(growthMib).toBeLessThan(BOUND_MIB);
  }, 240_000);
});
