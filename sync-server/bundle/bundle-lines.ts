// Reading a plain bundle file a line at a time, so a bundle of any size is checked and applied
// holding one line (at most a push body) rather than the file: the envelope (cut, damaged, header,
// signature) is verified in one pass, the records applied in a second (import-bundle.ts).
import { isUtf8 } from 'node:buffer';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { open } from 'node:fs/promises';
import {
  BundleError,
  BundleHeaderSchema,
  type BundleHeader,
  type BundleTrailer,
} from '../../shared/sync/bundle';
import { checkEnvelope } from '../../shared/sync/node/bundle-sign';
import { MAX_BODY_BYTES } from '../../shared/sync/protocol';

/** No line of a bundle is longer than a push body: a change is pushed alone, a photo chunk is 1 MiB. */
export const MAX_BUNDLE_LINE_BYTES = MAX_BODY_BYTES;
const READ_BYTES = 1024 * 1024;

/** The file's lines with their newlines (the last may have none), read a piece at a time. */
export async function* fileLines(file: string): AsyncGenerator<Buffer> {
  const handle = await open(file, 'r');
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let number = 1;
    for (;;) {
      const buffer = Buffer.allocUnsafe(READ_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) break;
      const piece = buffer.subarray(0, bytesRead);
      let at = 0;
      for (let end = piece.indexOf(0x0a); end >= 0; end = piece.indexOf(0x0a, at)) {
        pending.push(piece.subarray(at, end + 1));
        yield pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        number++;
        at = end + 1;
      }
      if (at < piece.length) {
        // Copied: the rest of a piece must not keep the whole 1 MiB read buffer alive.
        pending.push(Buffer.from(piece.subarray(at)));
        pendingBytes += piece.length - at;
      }
      if (pendingBytes > MAX_BUNDLE_LINE_BYTES) {
        throw new BundleError('bundle_malformed', `line ${number} is longer than any bundle line`);
      }
    }
    if (pendingBytes > 0) yield Buffer.concat(pending);
  } finally {
    await handle.close();
  }
}

export type CheckedBundle = {
  header: BundleHeader;
  trailer: BundleTrailer;
  /** Whether the HMAC over the signed lines, keyed by `tokenHash`, is the trailer's. */
  signedWith: boolean;
  /** The first line (from 1) that is not UTF-8, whose text would be read with replacement characters. */
  notUtf8: number | undefined;
};

/**
 * One pass over a plain bundle: its envelope checked as shared/sync/node/bundle-sign.ts checks a
 * whole one (same refusals, same order), each body line handed to `onBody` as it passes (before the
 * envelope is known good: the caller keeps its findings until this returns), and the HMAC
 * computed with the key `keyFor` answers for the first line (the device's token hash, if any).
 */
export async function checkBundleFile(
  file: string,
  keyFor: (firstLine: string) => Promise<string | undefined>,
  onBody: (line: string, index: number) => void,
): Promise<CheckedBundle> {
  const digest = createHash('sha256');
  let mac: ReturnType<typeof createHmac> | undefined;
  let first = '';
  let held: Buffer | undefined;
  let lines = 0;
  let notUtf8: number | undefined;
  for await (const line of fileLines(file)) {
    if (notUtf8 === undefined && !isUtf8(line)) notUtf8 = lines + 1;
    if (lines === 0) {
      first = line.toString('utf8').replace(/\n$/, '');
      const key = await keyFor(first);
      if (key !== undefined) mac = createHmac('sha256', key);
    }
    if (held !== undefined) {
      // Not the last line, so part of the signed text.
      digest.update(held);
      mac?.update(held);
      if (lines > 1) onBody(held.toString('utf8', 0, held.length - 1), lines - 2);
    }
    held = line;
    lines++;
  }
  const last = held ?? Buffer.alloc(0);
  const whole = last.at(-1) === 0x0a;
  const { header, trailer } = checkEnvelope(
    {
      whole,
      oneLine: lines === 1,
      first,
      last: last.toString('utf8', 0, whole ? last.length - 1 : last.length),
      sha256: () => digest.digest('hex'),
    },
    BundleHeaderSchema,
  );
  const expected = mac?.digest();
  const signedWith = expected !== undefined && timingSafeEqual(expected, Buffer.from(trailer.hmac, 'hex'));
  return { header, trailer, signedWith, notUtf8 };
}

/** The body lines of a checked bundle file: every line after the header, up to the trailer. */
export async function* bodyLines(file: string, count: number): AsyncGenerator<string> {
  let index = -1;
  for await (const line of fileLines(file)) {
    if (index >= count) return;
    if (index >= 0) yield line.toString('utf8', 0, line.length - 1);
    index++;
  }
}
