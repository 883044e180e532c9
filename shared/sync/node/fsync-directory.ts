// A rename is durable only once its directory is: after writing a file under a temporary name,
// fsyncing it and renaming it, the directory is fsynced too.
import { closeSync, fsyncSync, openSync } from 'node:fs';

/** Makes a rename in `dir` durable. Windows cannot open a directory for fsync; NTFS journals renames. */
export function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
