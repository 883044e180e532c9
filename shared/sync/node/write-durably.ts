// Writing a file so that a crash leaves it whole or absent, never torn: kiosk photos, form media
// on kiosks and on the server all go through here.
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDirectory } from './fsync-directory';

/** Temporary files are dot-files ending .tmp, so nothing mistakes one for a finished file. */
export const TEMP_SUFFIX = '.tmp';

/** Temp file, fsync, rename over the final name, fsync the directory: the file is whole or absent. */
export function writeDurably(dir: string, file: string, bytes: Buffer): void {
  const temp = join(dir, `.${randomUUID()}${TEMP_SUFFIX}`);
  try {
    const fd = openSync(temp, 'wx');
    try {
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
  fsyncDirectory(dir);
}
