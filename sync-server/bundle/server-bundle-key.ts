// The server's long-term X25519 key that kiosks seal their USB bundles to
// (shared/sync/node/bundle-seal.ts), kept in the database (server_keys, migration 10): every
// server of one database finds the same key with no flag, and `quiosco server backup`/`restore`
// carry it with the rest. Made at the first start; kiosks learn the public half at enrolment and
// in every pull. The release before kept it in bundle-key.pem beside the certificate (the data
// directory, or --tls-dir): such a file is imported once at start, and stays a key that opens
// bundles sealed to it. The private half is read here alone, never answered by a route or export.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawPublicKey, serverKeyId } from '../../shared/sync/node/bundle-seal';
import type { ServerDb } from '../db/server-database';

/** The file the release before kept the key in, beside the certificate. */
export const BUNDLE_KEY_FILE = 'bundle-key.pem';

export type ServerBundleKey = {
  privateKey: KeyObject;
  /** Raw public key, base64url: what kiosks receive. */
  publicKey: string;
};

export class BundleKeyError extends Error {
  override readonly name = 'BundleKeyError';
}

/** The key a PEM holds; one that is not an X25519 private key is refused by `where` it came from. */
function keyOfPem(pem: string, where: string): ServerBundleKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (e) {
    throw new BundleKeyError(`${where} is not a readable PEM private key: ${(e as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'x25519')
    throw new BundleKeyError(
      `${where} holds a key of type ${privateKey.asymmetricKeyType ?? 'secret'}, not X25519`,
    );
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

/** The key in `file` (a bundle-key.pem of the release before). */
export const readBundleKeyFile = (file: string): ServerBundleKey =>
  keyOfPem(readFileSync(file, 'utf8'), file);

/** A new key pair, not yet kept anywhere. */
export function newBundleKey(): ServerBundleKey {
  const { privateKey } = generateKeyPairSync('x25519');
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

/**
 * Stores `key` as the current one when there is none yet: first come wins, also between two
 * servers at once (the unique index makes the later insert do nothing). When another is current,
 * `otherwise` says whether it is kept as one more key that opens bundles (a key file that sealed
 * some) or dropped (a key just made). Storing a key already there does nothing.
 */
async function keep(
  s: ServerDb,
  key: ServerBundleKey,
  otherwise: 'extra' | 'drop',
  now: Date,
): Promise<void> {
  const row = {
    id: serverKeyId(key.publicKey),
    purpose: 'bundle' as const,
    public_key: key.publicKey,
    private_key: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    created_at: now.toISOString(),
  };
  await s.transaction(async (trx) => {
    for (const is_current of otherwise === 'extra' ? [1, 0] : [1]) {
      await trx
        .insertInto('server_keys')
        .values({ ...row, is_current })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
}

/** Imports bundle-key.pem from `legacyDir` (if there is one) into the database; idempotent. */
export async function importLegacyBundleKey(
  s: ServerDb,
  legacyDir: string | undefined,
  now: Date,
): Promise<void> {
  const file = legacyDir === undefined ? undefined : join(legacyDir, BUNDLE_KEY_FILE);
  if (file !== undefined && existsSync(file)) await keep(s, readBundleKeyFile(file), 'extra', now);
}

/** The current key, made first if the database has none; a key file of the release before imported first. */
export async function ensureServerBundleKey(
  s: ServerDb,
  legacyDir: string | undefined,
  now: Date,
): Promise<ServerBundleKey> {
  await importLegacyBundleKey(s, legacyDir, now);
  if ((await serverBundleKeys(s)).length === 0) await keep(s, newBundleKey(), 'drop', now);
  const [current] = await serverBundleKeys(s);
  if (current === undefined) throw new BundleKeyError('the database kept no bundle key');
  return current;
}

/** Every key that opens bundles, the current one first. */
export async function serverBundleKeys(s: ServerDb): Promise<ServerBundleKey[]> {
  const rows = await s.db
    .selectFrom('server_keys')
    .select(['id', 'private_key'])
    .where('purpose', '=', 'bundle')
    .orderBy('is_current', 'desc')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => keyOfPem(r.private_key, `the bundle key ${r.id} in the database`));
}
