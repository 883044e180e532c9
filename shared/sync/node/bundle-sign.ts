// Signing and reading USB bundles (Node only: node:crypto). The format is in ../bundle.ts.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import { BundleError, BundleTrailerSchema, type BundleTrailer, type ReadBundle } from '../bundle';

/**
 * The signing key: the SHA-256 (hex) of the device token, which is what the server stores as the
 * device's token_hash. The token itself never has to be on the server or in the file.
 */
export const bundleKey = (deviceToken: string): string =>
  createHash('sha256').update(deviceToken, 'utf8').digest('hex');

/** Digest and MAC of the bundle's bytes as they are written. */
export class BundleSigner {
  private readonly digest = createHash('sha256');
  private readonly mac: ReturnType<typeof createHmac>;
  constructor(key: string) {
    this.mac = createHmac('sha256', key);
  }
  update(text: string): void {
    this.digest.update(text, 'utf8');
    this.mac.update(text, 'utf8');
  }
  trailer(changes: number, chunks: number): string {
    const trailer: BundleTrailer = {
      end: true,
      changes,
      chunks,
      sha256: this.digest.digest('hex'),
      hmac: this.mac.digest('hex'),
    };
    return `${JSON.stringify(trailer)}\n`;
  }
}

const parseJson = (line: string, what: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    throw new BundleError('bundle_malformed', `${what} is not JSON`);
  }
};

/**
 * Reads a signed file's envelope. Only a whole file is accepted: one that does not end with its
 * trailer line and newline is refused whole (bundle_truncated), so no part of a cut copy is ever
 * applied. Server → kiosk bundles (../kiosk-bundle.ts); a kiosk's bundle is read a line at a time
 * at the server (sync-server/bundle/bundle-lines.ts) through the same checkEnvelope.
 */
export function readSignedFile<H>(
  text: string,
  headerSchema: z.ZodType<H>,
): { header: H; trailer: BundleTrailer; body: string[]; signed: string } {
  const whole = text.endsWith('\n');
  const cut = whole ? text.lastIndexOf('\n', text.length - 2) : -1;
  const signed = text.slice(0, cut + 1);
  const { header, trailer } = checkEnvelope(
    {
      whole,
      oneLine: cut < 0,
      first: text.slice(0, Math.max(0, text.indexOf('\n'))),
      last: text.slice(cut + 1, -1),
      sha256: () => createHash('sha256').update(signed, 'utf8').digest('hex'),
    },
    headerSchema,
  );
  const [, ...body] = signed.slice(0, -1).split('\n');
  return { header, trailer, body, signed };
}

/** A signed file as read, for checkEnvelope: its first and last lines (without newlines). */
export type EnvelopeParts = {
  /** Whether it ends with a newline. */
  whole: boolean;
  /** Whether it is a single line. */
  oneLine: boolean;
  first: string;
  last: string;
  /** SHA-256 (hex) of everything before the last line. */
  sha256: () => string;
};

/**
 * The envelope's checks in the order every reader refuses by (whole text here, streamed in
 * sync-server/bundle/bundle-lines.ts): cut, no trailer, damaged, then the header.
 */
export function checkEnvelope<H>(
  parts: EnvelopeParts,
  headerSchema: z.ZodType<H>,
): { header: H; trailer: BundleTrailer } {
  if (!parts.whole) throw new BundleError('bundle_truncated');
  const trailer = BundleTrailerSchema.safeParse(safeJson(parts.last));
  if (parts.oneLine || !trailer.success) {
    // A header line alone, or a last line that is a change or chunk: the trailer never came.
    if (parts.first.startsWith('{"format":')) throw new BundleError('bundle_truncated');
    throw new BundleError('bundle_malformed');
  }
  if (parts.sha256() !== trailer.data.sha256) throw new BundleError('bundle_damaged');
  const json = parseJson(parts.first, 'the header');
  const header = headerSchema.safeParse(json);
  if (!header.success) {
    const format = (json as { format?: unknown } | null)?.format;
    if (typeof format === 'string' && format.startsWith('quiosco-')) {
      throw new BundleError('bundle_wrong_kind', format);
    }
    throw new BundleError('bundle_malformed', 'the header is not a bundle header');
  }
  return { header: header.data, trailer: trailer.data };
}

const safeJson = (line: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};

/** Whether the bundle was signed with the key whose token hash the server holds. */
export function signatureMatches(bundle: Pick<ReadBundle, 'signed' | 'trailer'>, tokenHash: string): boolean {
  const expected = createHmac('sha256', tokenHash).update(bundle.signed, 'utf8').digest();
  return timingSafeEqual(expected, Buffer.from(bundle.trailer.hmac, 'hex'));
}
