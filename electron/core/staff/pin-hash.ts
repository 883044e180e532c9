// Staff PIN hashing. A 4-8 digit PIN has at most 10^8 values, so only a slow, salted hash keeps a
// copied database from giving the PIN away in seconds; scrypt is in node:crypto and memory-hard.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

type Params = { N: number; r: number; p: number };
const PARAMS: Params = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;
const PREFIX = 'scrypt';

const derive = (pin: string, salt: Buffer, { N, r, p }: Params, keyBytes: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // scrypt needs 128 * N * r bytes; node's default cap (32 MiB) is exactly that for our N, so leave headroom.
    const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
    scrypt(pin, salt, keyBytes, options, (err, key) => (err ? reject(err) : resolve(key)));
  });

/** Encodes as `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(pin, salt, PARAMS, KEY_BYTES);
  return [PREFIX, PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPin(pin: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  const [prefix, n, r, p, salt, hash] = parts;
  if (parts.length !== 6 || prefix !== PREFIX || salt === undefined || hash === undefined) {
    throw new Error('stored PIN hash is not in the scrypt$N$r$p$salt$hash format');
  }
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(
    pin,
    Buffer.from(salt, 'base64url'),
    { N: Number(n), r: Number(r), p: Number(p) },
    expected.length,
  );
  return timingSafeEqual(actual, expected);
}
