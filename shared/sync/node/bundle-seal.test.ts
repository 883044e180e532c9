// Sealing and opening files on disk: every length around the chunk size comes back byte for byte,
// and each kind of damage (header, a chunk's byte, a chunk dropped, two swapped, the last cut off
// or cut short, bytes appended, another server's key, an unknown version) is refused by its code
// before the caller could have written anything but authenticated chunks.
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../electron/core/testing/kiosk-fixtures';
import { seededRandom } from '../../random/seeded-random';
import { BUNDLE_ERRORS, BundleError } from '../bundle';
import { BundleSealer, isSealedFile, openSealedFile, rawPublicKey } from './bundle-seal';

const CHUNK = 100;
const TAG = 16;

function serverKey() {
  const { privateKey } = generateKeyPairSync('x25519');
  return { privateKey, publicKey: rawPublicKey(createPublicKey(privateKey)) };
}

function randomBytes(length: number, seed: number): Buffer {
  const random = seededRandom(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(random() * 256)));
}

/** Seals `plain` written in uneven pieces, as lines arrive. */
function seal(publicKey: string, plain: Buffer): Buffer {
  const out: Buffer[] = [];
  const sealer = new BundleSealer(publicKey, (b) => out.push(Buffer.from(b)), CHUNK);
  for (let at = 0, step = 1; at < plain.length; at += step, step = (step * 7) % 151) {
    sealer.write(plain.subarray(at, at + step));
  }
  sealer.finish();
  return Buffer.concat(out);
}

let dir = makeTempDir('quiosco-seal-');
afterEach(() => {
  dir.remove();
  dir = makeTempDir('quiosco-seal-');
});

function open(bytes: Buffer, key: ReturnType<typeof serverKey>): Buffer {
  const file = join(dir.path, `b-${Math.random()}.qbundle`);
  writeFileSync(file, bytes);
  const parts: Buffer[] = [];
  openSealedFile(file, key, (b) => parts.push(b));
  return Buffer.concat(parts);
}

function refusal(bytes: Buffer, key: ReturnType<typeof serverKey>): BundleError {
  try {
    open(bytes, key);
  } catch (e) {
    if (e instanceof BundleError) return e;
    throw e;
  }
  throw new Error('opened');
}

/** The header line and the sealed chunks of a file. */
function parts(sealed: Buffer): { header: Buffer; chunks: Buffer[] } {
  const end = sealed.indexOf(0x0a) + 1;
  const chunks: Buffer[] = [];
  for (let at = end; at < sealed.length; at += CHUNK + TAG)
    chunks.push(sealed.subarray(at, at + CHUNK + TAG));
  return { header: sealed.subarray(0, end), chunks };
}

describe('sealed bundles', () => {
  const key = serverKey();

  it('gives back every length around the chunk size, and is told from a plain bundle', () => {
    for (const length of [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 57]) {
      const plain = randomBytes(length, length + 1);
      const sealed = seal(key.publicKey, plain);
      expect(open(sealed, key).equals(plain), `length ${length}`).toBe(true);
      // One chunk at least (an empty last one for no bytes), never an empty chunk after a full one.
      expect(parts(sealed).chunks.length).toBe(Math.max(1, Math.ceil(length / CHUNK)));
    }
    const file = join(dir.path, 'x.qbundle');
    writeFileSync(file, seal(key.publicKey, Buffer.from('hola')));
    expect(isSealedFile(file)).toBe(true);
    writeFileSync(file, '{"format":"quiosco-usb-bundle","version":1}\n');
    expect(isSealedFile(file)).toBe(false);
  });

  it('refuses each kind of damage by its code, naming the chunk', () => {
    const plain = randomBytes(4 * CHUNK + 10, 99);
    const sealed = seal(key.publicKey, plain);
    const { header, chunks } = parts(sealed);
    expect(chunks).toHaveLength(5);
    const [c0, c1, c2, c3, c4] = chunks as [Buffer, Buffer, Buffer, Buffer, Buffer];
    const damaged = (detail: string) => ({
      code: 'bundle_sealed_damaged',
      message: `${BUNDLE_ERRORS.bundle_sealed_damaged}: ${detail}`,
    });
    const flipped = (b: Buffer, at: number) => {
      const copy = Buffer.from(b);
      copy[at] = (copy[at] ?? 0) ^ 1;
      return copy;
    };
    // The header: another chunk size the header still allows derives another key.
    const otherHeader = Buffer.from(header.toString().replace(`"chunkBytes":${CHUNK}`, '"chunkBytes":99'));
    const cases: [string, Buffer, ReturnType<typeof damaged>][] = [
      ['header', Buffer.concat([otherHeader, ...chunks]), damaged('chunk 1 does not authenticate')],
      [
        'a middle chunk',
        Buffer.concat([header, c0, flipped(c1, 5), c2, c3, c4]),
        damaged('chunk 2 does not authenticate'),
      ],
      [
        'the last chunk removed',
        Buffer.concat([header, c0, c1, c2, c3]),
        damaged('chunk 4 (the last) does not authenticate'),
      ],
      [
        'chunks swapped',
        Buffer.concat([header, c0, c2, c1, c3, c4]),
        damaged('chunk 2 does not authenticate'),
      ],
      [
        'the last chunk cut short',
        sealed.subarray(0, sealed.length - 1),
        damaged('chunk 5 (the last) does not authenticate'),
      ],
      [
        'bytes appended',
        Buffer.concat([sealed, Buffer.from('x')]),
        damaged('chunk 5 (the last) does not authenticate'),
      ],
      ['nothing after the header', header, damaged('chunk 1 (the last) does not authenticate')],
    ];
    for (const [what, bytes, expected] of cases) {
      expect(refusal(bytes, key), what).toMatchObject(expected);
    }
  });

  it('names another server’s bundle and an unknown version before opening anything', () => {
    const sealed = seal(key.publicKey, Buffer.from('{"format":"quiosco-usb-bundle"}\n'));
    expect(refusal(sealed, serverKey())).toMatchObject({
      code: 'bundle_other_server',
      message: BUNDLE_ERRORS.bundle_other_server,
    });
    const newer = Buffer.from(sealed.toString('latin1').replace('"version":1', '"version":2'), 'latin1');
    expect(refusal(newer, key)).toMatchObject({
      code: 'bundle_unknown_version',
      message: `${BUNDLE_ERRORS.bundle_unknown_version}: quiosco-sealed-bundle version 2`,
    });
    const file = join(dir.path, 'sealed.qbundle');
    writeFileSync(file, sealed);
    expect(readFileSync(file).includes('quiosco-usb-bundle')).toBe(false);
  });
});
