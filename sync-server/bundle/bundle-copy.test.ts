// The private copy an import reads: owner-only, the plain text of a sealed file, and gone after
// in every outcome (a file that does not open leaves nothing behind either).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { BundleError } from '../../shared/sync/bundle';
import { writeSignedFile } from '../../shared/sync/node/bundle-file';
import { SEAL_CHUNK_BYTES } from '../../shared/sync/node/bundle-seal';
import { copyBundle } from './bundle-copy';
import { newBundleKey } from './server-bundle-key';

describe('copyBundle', () => {
  const dir = makeTempDir('quiosco-bundle-copy-');
  const temp = join(dir.path, 'temp');
  mkdirSync(temp);
  afterAll(() => dir.remove());

  const write = (sealTo: string | undefined) =>
    writeSignedFile(
      dir.path,
      `b-${sealTo === undefined}.qbundle`,
      'k'.repeat(64),
      ({ line }) => {
        for (let i = 0; i < 40; i++) line(`${JSON.stringify({ n: i, pad: 'x'.repeat(4000) })}\n`);
        return { changes: 40, chunks: 0 };
      },
      sealTo,
    );

  it('opens a sealed file into an owner-only copy, copies a plain one, and removes either', () => {
    const key = newBundleKey();
    const plain = write(undefined);
    const sealed = write(key.publicKey);
    expect(statSync(sealed).size).toBeGreaterThan(2 * SEAL_CHUNK_BYTES);
    for (const [file, isSealed] of [
      [sealed, true],
      [plain, false],
    ] as const) {
      const copy = copyBundle(file, [key], temp);
      expect(copy.sealed).toBe(isSealed);
      expect(readFileSync(copy.file)).toEqual(readFileSync(plain));
      expect(statSync(copy.file).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(copy.file)).mode & 0o777).toBe(0o700);
      copy.remove();
      expect(readdirSync(temp)).toEqual([]);
    }
    // Opened with the key its header names, whichever of the server's keys that is.
    const older = newBundleKey();
    const copy = copyBundle(sealed, [older, key], temp);
    expect(readFileSync(copy.file)).toEqual(readFileSync(plain));
    copy.remove();
    expect(() => copyBundle(sealed, [older], temp)).toThrow(
      expect.objectContaining({ code: 'bundle_other_server' }),
    );
    expect(readdirSync(temp)).toEqual([]);
  });

  it('leaves nothing behind when a sealed file does not open', () => {
    const key = newBundleKey();
    const sealed = write(key.publicKey);
    const bytes = readFileSync(sealed);
    // The last chunk's tag altered: every chunk before it was already written into the copy.
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    writeFileSync(sealed, bytes);
    expect(() => copyBundle(sealed, [key], temp)).toThrow(BundleError);
    expect(readdirSync(temp)).toEqual([]);
    const other = newBundleKey();
    expect(() => copyBundle(write(other.publicKey), [key], temp)).toThrow(
      expect.objectContaining({ code: 'bundle_other_server' }),
    );
    expect(() => copyBundle(sealed, [], temp)).toThrow(
      expect.objectContaining({ code: 'bundle_server_key_missing' }),
    );
    expect(readdirSync(temp)).toEqual([]);
  });

  it('refuses what is not a file: a link to a device, a FIFO (a read that never ends)', () => {
    const zero = join(dir.path, 'zero.qbundle');
    symlinkSync('/dev/zero', zero);
    const fifo = join(dir.path, 'fifo.qbundle');
    execFileSync('mkfifo', [fifo]);
    for (const file of [zero, fifo, temp]) {
      expect(() => copyBundle(file, [newBundleKey()], temp)).toThrow(
        new BundleError('bundle_malformed', `${file} is not a regular file`),
      );
    }
    expect(readdirSync(temp)).toEqual([]);
  });
});
