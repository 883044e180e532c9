// The server's long-term X25519 key that kiosks seal their USB bundles to
// (shared/sync/node/bundle-seal.ts). Kept as the TLS key is: a file beside the certificate (the
// data directory, or --tls-dir), made at first start, readable by the owner only. Kiosks learn the
// public half at enrolment and in every pull. `quiosco server backup` copies the file beside the
// database copy, and restore puts it back: bundles sealed before a restore still open after it.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawPublicKey } from '../../shared/sync/node/bundle-seal';
import { makePrivateDir, writePrivateFile } from '../private-files';

export const BUNDLE_KEY_FILE = 'bundle-key.pem';

export type ServerBundleKey = {
  privateKey: KeyObject;
  /** Raw public key, base64url: what kiosks receive. */
  publicKey: string;
};

export class BundleKeyError extends Error {
  override readonly name = 'BundleKeyError';
}

/** The key in `file`; a file that is not an X25519 private key is refused by name. */
export function readBundleKeyFile(file: string): ServerBundleKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BundleKeyError(`${file} is not a readable PEM private key: ${(e as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'x25519')
    throw new BundleKeyError(
      `${file} holds a key of type ${privateKey.asymmetricKeyType ?? 'secret'}, not X25519`,
    );
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

/** The key kept in `dir`, or undefined when there is none there. */
export function loadBundleKey(dir: string): ServerBundleKey | undefined {
  const file = join(dir, BUNDLE_KEY_FILE);
  return existsSync(file) ? readBundleKeyFile(file) : undefined;
}

/** The key in `dir`, made there first if there is none yet. */
export function ensureBundleKey(dir: string): ServerBundleKey {
  const found = loadBundleKey(dir);
  if (found !== undefined) return found;
  makePrivateDir(dir, false);
  const { privateKey } = generateKeyPairSync('x25519');
  writePrivateFile(join(dir, BUNDLE_KEY_FILE), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}
