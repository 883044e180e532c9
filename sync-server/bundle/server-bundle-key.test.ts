// The server's bundle key file: made once (owner only) and found again unchanged; a file that is
// not an X25519 private key is refused by name rather than used.
import { generateKeyPairSync } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../electron/core/testing/kiosk-fixtures';
import { BUNDLE_KEY_FILE, BundleKeyError, ensureBundleKey, loadBundleKey } from './server-bundle-key';

let dir = makeTempDir('quiosco-bundle-key-');
afterEach(() => {
  dir.remove();
  dir = makeTempDir('quiosco-bundle-key-');
});

describe('the server bundle key', () => {
  it('is made once, owner only, and the same key is found at every start after', () => {
    expect(loadBundleKey(dir.path)).toBeUndefined();
    const made = ensureBundleKey(join(dir.path, 'data'));
    expect(made.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = join(dir.path, 'data', BUNDLE_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(ensureBundleKey(join(dir.path, 'data')).publicKey).toBe(made.publicKey);
    expect(loadBundleKey(join(dir.path, 'data'))?.publicKey).toBe(made.publicKey);
  });

  it('refuses a key of another kind, and a file that is not a key', () => {
    const file = join(dir.path, BUNDLE_KEY_FILE);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    expect(() => loadBundleKey(dir.path)).toThrow(
      new BundleKeyError(`${file} holds a key of type ec, not X25519`),
    );
    writeFileSync(file, 'not a key');
    expect(() => ensureBundleKey(dir.path)).toThrow(BundleKeyError);
    expect(() => ensureBundleKey(dir.path)).toThrow(`${file} is not a readable PEM private key: `);
  });
});
