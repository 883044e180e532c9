// Signing and reading USB bundles (Node only: node:crypto). The format is in ../bundle.ts.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { z } from 'zod';
import {
  BundleError,
  BundleHeaderSchema,
  BundleTrailerSchema,
  type BundleTrailer,
  type ReadBundle,
} from '../bundle';

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
 * Reads the envelope. Only a whole bundle is accepted: a file that does not end with its trailer
 * line and newline is refused whole (bundle_truncated), so no part of a cut copy is ever applied.
 */
export function readBundle(text: string): ReadBundle {
  return readSignedFile(text, BundleHeaderSchema);
}

/** The same envelope with another header: server → kiosk bundles (../kiosk-bundle.ts) too. */
export function readSignedFile<H>(
  text: string,
  headerSchema: z.ZodType<H>,
): { header: H; trailer: BundleTrailer; body: string[]; signed: string } {
  if (!text.endsWith('\n')) throw new BundleError('bundle_truncated');
  const cut = text.lastIndexOf('\n', text.length - 2);
  const lastLine = text.slice(cut + 1, -1);
  const trailer = BundleTrailerSchema.safeParse(safeJson(lastLine));
  if (cut < 0 || !trailer.success) {
    // A header line alone, or a last line that is a change or chunk: the trailer never came.
    if (text.startsWith('{"format":')) throw new BundleError('bundle_truncated');
    throw new BundleError('bundle_malformed');
  }
  const signed = text.slice(0, cut + 1);
  if (createHash('sha256').update(signed, 'utf8').digest('hex') !== trailer.data.sha256) {
    throw new BundleError('bundle_damaged');
  }
  const [first = '', ...body] = signed.slice(0, -1).split('\n');
  const json = parseJson(first, 'the header');
  const header = headerSchema.safeParse(json);
  if (!header.success) {
    const format = (json as { format?: unknown } | null)?.format;
    if (typeof format === 'string' && format.startsWith('quiosco-')) {
      throw new BundleError('bundle_wrong_kind', format);
    }
    throw new BundleError('bundle_malformed', 'the header is not a bundle header');
  }
  return { header: header.data, trailer: trailer.data, body, signed };
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
