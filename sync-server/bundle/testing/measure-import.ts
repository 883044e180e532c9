// Imports one bundle file into a SQLite server database in a process of its own and prints, as
// one JSON line, what the import did and the process's memory: RSS before the import and the
// peak after it (VmHWM), and its CPU time. Run by the memory test and bench: node --import tsx measure-import.ts
// DATA_DIR FILE [WARM_UP_FILE] (opened with the keys in the database). A warm-up bundle is imported
// first, so what every import pays once (the push's checking thread, caches) is not in the peak.
import { readFileSync, writeFileSync } from 'node:fs';
import { openServerDatabase } from '../../db/server-database';
import { serverBundleKeys } from '../server-bundle-key';
import { importFile } from './import-file';

export type ImportMeasure = {
  rssBeforeKb: number;
  peakKb: number;
  /** User + system CPU time of the import. */
  cpuMs: number;
  newChanges: number;
  photosStored: number;
};

const statusKb = (field: 'VmRSS' | 'VmHWM'): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  if (match?.[1] === undefined) throw new Error(`no ${field} in /proc/self/status`);
  return Number(match[1]);
};

const [dataDir, file, warmUp] = process.argv.slice(2);
if (dataDir === undefined || file === undefined) {
  throw new Error('usage: measure-import.ts DATA_DIR FILE [WARM_UP_FILE]');
}
const s = await openServerDatabase({ kind: 'sqlite', dataDir });
try {
  const keys = await serverBundleKeys(s);
  if (warmUp !== undefined) await importFile(s, warmUp, keys, new Date());
  // Resets VmHWM to the RSS now (Linux), so the peak is the import's, not the start-up's.
  writeFileSync('/proc/self/clear_refs', '5');
  const rssBeforeKb = statusKb('VmRSS');
  const cpu = process.cpuUsage();
  const result = await importFile(s, file, keys, new Date());
  const { user, system } = process.cpuUsage(cpu);
  const measure: ImportMeasure = {
    rssBeforeKb,
    peakKb: statusKb('VmHWM'),
    cpuMs: (user + system) / 1000,
    newChanges: result.newChanges,
    photosStored: result.photosStored,
  };
  process.stdout.write(`${JSON.stringify(measure)}\n`);
} finally {
  await s.close();
}
