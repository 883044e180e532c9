// A kiosk bundle built by hand and signed with a device's token, for bundles no honest kiosk
// writes: the header's counts and seqs are read from the lines unless `header` says otherwise, and
// lines may be bytes (text that is not UTF-8), signed as they are.
import { createHash, createHmac } from 'node:crypto';
import { BUNDLE_FORMAT, BUNDLE_VERSION, type BundleHeader } from '../../../shared/sync/bundle';
import { bundleKey } from '../../../shared/sync/node/bundle-sign';
import type { TestDevice } from '../../testing/test-server';

type Line = string | Buffer;

/** What the header counts of a line: nothing for bytes or a line that is not JSON. */
function parsed(line: Line): { change?: { seq: number }; offset?: number } {
  try {
    return typeof line === 'string'
      ? (JSON.parse(line) as { change?: { seq: number }; offset?: number })
      : {};
  } catch {
    return {};
  }
}

export function handBundle(
  device: TestDevice,
  lines: readonly Line[],
  options: { token?: string; header?: Partial<BundleHeader>; createdAt?: Date } = {},
): Buffer {
  const seqs = lines.flatMap((l) => {
    const seq = parsed(l).change?.seq;
    return seq === undefined ? [] : [seq];
  });
  const chunks = lines.filter((l) => parsed(l).offset !== undefined);
  const header: BundleHeader = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    deviceId: device.deviceId,
    createdAt: (options.createdAt ?? new Date('2026-11-20T18:00:00.000Z')).toISOString(),
    fromSeq: seqs[0] ?? 0,
    throughSeq: seqs.at(-1) ?? 0,
    records: lines.length - chunks.length,
    photos: chunks.filter((l) => parsed(l).offset === 0).length,
    ...options.header,
  };
  const signed = Buffer.concat(
    [JSON.stringify(header), ...lines].map((l) => Buffer.concat([Buffer.from(l), Buffer.from('\n')])),
  );
  const trailer = {
    end: true,
    changes: lines.length - chunks.length,
    chunks: chunks.length,
    sha256: createHash('sha256').update(signed).digest('hex'),
    hmac: createHmac('sha256', bundleKey(options.token ?? device.token))
      .update(signed)
      .digest('hex'),
  };
  return Buffer.concat([signed, Buffer.from(`${JSON.stringify(trailer)}\n`)]);
}
