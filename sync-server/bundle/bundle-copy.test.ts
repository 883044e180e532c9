// The private copy an import reads: owner-only, the plain text of a sealed file, and gone after
// in every outcome (a file that does not open leaves nothing behind either).
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { BundleError } from '../../shared/sync/bundle';
import { writeSignedFile } from '../../shared/sync/node/bundle-file';
import { SEAL_CHUNK_BYTES } from '../../shared/sync/node/bundle-seal';
import { copyBundle } from './bundle-copy';
import { ensureBundleKey } from './server-bundle-key';

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
    const key = ensureBundleKey(join(dir.path, 'key'));
    const plain = write(undefined);
    const sealed = write(key.publicKey);
    expect(statSync(sealed).size).toBeGreaterThan(2 * SEAL_CHUNK_BYTES);
    for (const [file, isSealed] of [
      [sealed, true],
      [plain, false],
    ] as const) {
      const copy = copyBundle(file, key, temp);
      expect(copy.sealed).toBe(isSealed);
      expect(readFileSync(copy.file)).toEqual(readFileSync(plain));
      expect(statSync(copy.file).mode & 0o777).toBe(0o600);
      expect(statSync(dirname(copy.file)).mode & 0o777).toBe(0o700);
      copy.remove();
      expect(readdirSync(temp)).toEqual([]);
    }
  });

  it('leaves nothing behind when a sealed file does not open', () => {
    const key = ensureBundleKey(join(dir.path, 'key'));
    const sealed = write(key.publicKey);
    const bytes = readFileSync(sealed);
    // The last chunk's tag altered: every chunk before it was already written into the copy.
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1;
    writeFileSync(sealed, bytes);
    expect(() => copyBundle(sealed, key, temp)).toThrow(BundleError);
    expect(readdirSync(temp)).toEqual([]);
    const other = ensureBundleKey(join(dir.path, 'other-key'));
    expect(() => copyBundle(write(other.publicKey), key, temp)).toThrow(
      expect.objectContaining({ code: 'bundle_other_server' }),
    );
    expect(() => copyBundle(sealed, undefined, temp)).toThrow(
      expect.objectContaining({ code: 'bundle_server_key_missing' }),
    );
    expect(readdirSync(temp)).toEqual([]);
  });
});
