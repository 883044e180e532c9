// Writing a signed bundle file (either direction) onto a removable drive: under a temporary name,
// fsynced, then renamed, so the drive holds a whole bundle or none (a stick pulled out mid-write
// leaves only a .tmp file that no import reads).
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BundleSealer } from './bundle-seal';
import { BundleSigner } from './bundle-sign';
import { fsyncDirectory } from './fsync-directory';

export type BundleLines = {
  /** Writes one line (with its newline) into the signed part. */
  line(text: string): void;
};

/**
 * Writes `directory/name`: the lines `write` gives, then the trailer with the counts it answers.
 * `key` is bundleKey(device token) or the token hash the server stores: the same value. With
 * `sealTo` (the server's bundle key) the signed bytes are encrypted as they are written
 * (bundle-seal.ts), so neither the plain text nor the whole file is ever held.
 */
export function writeSignedFile(
  directory: string,
  name: string,
  key: string,
  write: (out: BundleLines) => { changes: number; chunks: number },
  sealTo?: string,
): string {
  const file = join(directory, name);
  const temp = join(directory, `.${randomUUID()}.tmp`);
  const fd = openSync(temp, 'wx');
  try {
    const signer = new BundleSigner(key);
    const raw = (bytes: Buffer) => {
      for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
    };
    const sealer = sealTo === undefined ? undefined : new BundleSealer(sealTo, raw);
    const put = (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      if (sealer === undefined) raw(bytes);
      else sealer.write(bytes);
    };
    const counts = write({
      line(text) {
        signer.update(text);
        put(text);
      },
    });
    put(signer.trailer(counts.changes, counts.chunks));
    sealer?.finish();
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, file);
  } catch (e) {
    closeQuietly(fd);
    rmSync(temp, { force: true });
    throw e;
  }
  fsyncDirectory(directory);
  return file;
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already closed after fsync: the rename is what failed.
  }
}
