// Sealing a USB bundle to the server's key (Node only: node:crypto). The signed bundle (sign, then
// encrypt: the HMAC inside still names the device, the server checks it after opening) is cut into
// chunks and each is encrypted with AES-256-GCM under a key only the server can derive: an
// ephemeral X25519 key agreed with the server's long-term key, through HKDF-SHA256 bound to the
// file's header. The STREAM construction: a chunk's nonce holds its index and whether it is the
// last, so a chunk altered, dropped, swapped or cut off fails to authenticate. A file is a JSON
// header line, then the chunks (ciphertext + 16-byte tag). docs/sync-protocol.md#sealed-bundles.
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
} from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { z } from 'zod';
import { BundleError } from '../bundle';
import { BundleKeySchema } from '../protocol';

export const SEALED_FORMAT = 'quiosco-sealed-bundle';
export const SEALED_VERSION = 1;
/** Plaintext bytes per chunk: large enough that the tags cost nothing, small enough to hold. */
export const SEAL_CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = 16;
const PREFIX_BYTES = 7;
/** A header line longer than this is not a sealed bundle's. */
const MAX_HEADER_BYTES = 1024;

export const SealedHeaderSchema = z.strictObject({
  format: z.literal(SEALED_FORMAT),
  version: z.literal(SEALED_VERSION),
  /** SHA-256 (hex) of the server's raw public key: which server can open it. */
  serverKey: z.string().regex(/^[0-9a-f]{64}$/),
  /** The ephemeral X25519 public key, raw, base64url. */
  ephemeralKey: BundleKeySchema,
  chunkBytes: z.number().int().min(1).max(SEAL_CHUNK_BYTES),
});
type SealedHeader = z.infer<typeof SealedHeaderSchema>;

export const publicKeyObject = (raw: string): KeyObject =>
  createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw }, format: 'jwk' });

export const rawPublicKey = (key: KeyObject): string => {
  const { x } = key.export({ format: 'jwk' });
  if (typeof x !== 'string') throw new Error('not an X25519 key');
  return x;
};

/** What a sealed header names the server by. */
export const serverKeyId = (raw: string): string =>
  createHash('sha256').update(Buffer.from(raw, 'base64url')).digest('hex');

type ChunkKey = { key: Buffer; prefix: Buffer };

function chunkKey(shared: Buffer, headerLine: Buffer): ChunkKey {
  // The whole header is in the info: a changed header (another chunk size, another key) gives
  // another key, so the first chunk already fails.
  const info = Buffer.concat([Buffer.from(`${SEALED_FORMAT}/${SEALED_VERSION}\n`), headerLine]);
  const okm = Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), info, 32 + PREFIX_BYTES));
  return { key: okm.subarray(0, 32), prefix: okm.subarray(32) };
}

function nonce(k: ChunkKey, index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  k.prefix.copy(n, 0);
  n.writeUInt32BE(index, PREFIX_BYTES);
  n[11] = last ? 1 : 0;
  return n;
}

/** Encrypts a stream of bytes to `serverPublicKey`, handing each sealed piece to `out`. */
export class BundleSealer {
  private readonly k: ChunkKey;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index = 0;

  constructor(
    serverPublicKey: string,
    private readonly out: (bytes: Buffer) => void,
    private readonly chunkBytes = SEAL_CHUNK_BYTES,
  ) {
    const server = publicKeyObject(serverPublicKey);
    const ephemeral = generateKeyPairSync('x25519');
    const header: SealedHeader = {
      format: SEALED_FORMAT,
      version: SEALED_VERSION,
      serverKey: serverKeyId(serverPublicKey),
      ephemeralKey: rawPublicKey(ephemeral.publicKey),
      chunkBytes,
    };
    const line = Buffer.from(`${JSON.stringify(header)}\n`);
    this.k = chunkKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: server }), line);
    out(line);
  }

  write(bytes: Buffer): void {
    let at = 0;
    // Holds back a full chunk until more comes: only finish() knows which chunk is the last.
    while (this.pendingBytes + bytes.length - at > this.chunkBytes) {
      const take = this.chunkBytes - this.pendingBytes;
      const piece = bytes.subarray(at, at + take);
      this.seal(this.pendingBytes === 0 ? piece : Buffer.concat([...this.pending, piece]), false);
      this.pending = [];
      this.pendingBytes = 0;
      at += take;
    }
    if (at < bytes.length) {
      this.pending.push(bytes.subarray(at));
      this.pendingBytes += bytes.length - at;
    }
  }

  finish(): void {
    this.seal(Buffer.concat(this.pending), true);
    this.pending = [];
    this.pendingBytes = 0;
  }

  private seal(plain: Buffer, last: boolean): void {
    const cipher = createCipheriv('aes-256-gcm', this.k.key, nonce(this.k, this.index++, last));
    this.out(Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]));
  }
}

/** Whether the file starts as a sealed bundle does (so a plain one is read as before). */
export function isSealedFile(file: string): boolean {
  return readHead(file).toString('latin1').startsWith(`{"format":"${SEALED_FORMAT}"`);
}

/**
 * Opens a sealed bundle with the server's private key, giving the plaintext chunk by chunk to
 * `onPlain`. Every chunk is authenticated before it is handed on; a caller that writes anything
 * must wait for the call to return: only then is the whole file known to be complete and in order.
 */
export function openSealedFile(
  file: string,
  server: { privateKey: KeyObject; publicKey: string },
  onPlain: (bytes: Buffer) => void,
): void {
  const head = readHead(file);
  const end = head.indexOf(0x0a);
  if (end < 0) throw new BundleError('bundle_malformed', 'the sealed header has no end');
  const line = head.subarray(0, end + 1);
  const header = parseHeader(line);
  if (header.serverKey !== serverKeyId(server.publicKey)) throw new BundleError('bundle_other_server');
  const k = chunkKey(
    diffieHellman({ privateKey: server.privateKey, publicKey: publicKeyObject(header.ephemeralKey) }),
    line,
  );
  const fd = openSync(file, 'r');
  try {
    const size = header.chunkBytes + TAG_BYTES;
    // Two buffers read into in turn (this chunk, and the one after that tells whether it is the
    // last) rather than one per chunk: a large file leaves no trail of garbage to collect.
    const buffers = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)] as const;
    let position = line.length;
    let current = readInto(fd, buffers[0], position);
    for (let index = 0; ; index++) {
      position += current.length;
      // A short read is the end; a full one is the end only when nothing follows it.
      const spare = index % 2 === 0 ? buffers[1] : buffers[0];
      const next = current.length < size ? Buffer.alloc(0) : readInto(fd, spare, position);
      const last = next.length === 0;
      onPlain(openChunk(k, current, index, last));
      if (last) return;
      current = next;
    }
  } finally {
    closeSync(fd);
  }
}

function openChunk(k: ChunkKey, sealed: Buffer, index: number, last: boolean): Buffer {
  const detail = `chunk ${index + 1}${last ? ' (the last)' : ''} does not authenticate`;
  if (sealed.length < TAG_BYTES) throw new BundleError('bundle_sealed_damaged', detail);
  const decipher = createDecipheriv('aes-256-gcm', k.key, nonce(k, index, last));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    const plain = decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES));
    // GCM gives everything from update; final only checks the tag (and gives nothing).
    decipher.final();
    return plain;
  } catch {
    throw new BundleError('bundle_sealed_damaged', detail);
  }
}

function parseHeader(line: Buffer): SealedHeader {
  let json: unknown;
  try {
    json = JSON.parse(line.toString('utf8'));
  } catch {
    throw new BundleError('bundle_malformed', 'the sealed header is not JSON');
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== SEALED_VERSION) {
    throw new BundleError('bundle_unknown_version', `${SEALED_FORMAT} version ${JSON.stringify(version)}`);
  }
  const header = SealedHeaderSchema.safeParse(json);
  if (!header.success) throw new BundleError('bundle_malformed', 'the sealed header is not a sealed header');
  return header.data;
}

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    return readInto(fd, Buffer.alloc(MAX_HEADER_BYTES), 0);
  } finally {
    closeSync(fd);
  }
}

/** Fills `buffer` from `position` on, or as much as the file has: the part filled. */
function readInto(fd: number, buffer: Buffer, position: number): Buffer {
  const length = buffer.length;
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buffer, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buffer.subarray(0, got);
}
