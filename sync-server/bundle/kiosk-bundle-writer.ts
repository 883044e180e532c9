// Server → kiosk USB bundles (shared/sync/kiosk-bundle.ts): the receipt for what the server holds
// from one kiosk, and optionally its pull streams from the start, page by page exactly as
// GET /v1/sync/pull answers them. Signed with the device's token hash, which only that kiosk can
// reproduce. docs/sync-protocol.md#usb-bundles.
import type { KioskMode } from '../../shared/kiosk/kiosk-settings';
import { BundleError } from '../../shared/sync/bundle';
import {
  KIOSK_BUNDLE_EXTENSION,
  KIOSK_BUNDLE_FORMAT,
  KIOSK_BUNDLE_VERSION,
  MAX_RECEIPT_PHOTOS,
  MAX_RECEIPT_REJECTIONS,
  type KioskBundleHeader,
  type KioskBundleImage,
  type KioskBundlePage,
  type Receipt,
} from '../../shared/sync/kiosk-bundle';
import { writeSignedFile } from '../../shared/sync/node/bundle-file';
import { DEFAULT_PULL_LIMIT } from '../../shared/sync/protocol';
import { attachmentStates } from '../attachments/attachment-store';
import type { ServerDb } from '../db/server-database';
import { readBrandImage } from '../events/event-branding';
import { readFormMedia } from '../events/form-media-store';
import { readChanges } from '../sync/change-log';

type Device = { id: string; event_id: string; mode: KioskMode; last_seq: number; token_hash: string };
type BundleStream = KioskBundlePage['stream'];

/**
 * What the server holds from the device: its mark, the refusals from `fromSeq` on, and which of
 * `photos` it holds whole (every photo its records name when `photos` is undefined).
 */
export async function deviceReceipt(
  s: ServerDb,
  deviceId: string,
  fromSeq: number,
  photos?: readonly string[],
): Promise<Receipt> {
  const device = await findDevice(s, deviceId);
  const rejected = await s.db
    .selectFrom('push_rejections')
    .select(['seq', 'entity_id', 'code', 'message'])
    .where('device_id', '=', deviceId)
    .where('seq', '>=', fromSeq)
    .where('seq', '<=', device.last_seq)
    .orderBy('seq')
    .limit(MAX_RECEIPT_REJECTIONS)
    .execute();
  const names = photos ?? (await photosOfDevice(s, deviceId));
  const held = (await attachmentStates(s.db, names)).filter((p) => p.complete).map((p) => p.name);
  return {
    ackedThroughSeq: device.last_seq,
    rejected: rejected.map((r) => ({ seq: r.seq, id: r.entity_id, code: r.code, message: r.message })),
    photos: held.slice(0, MAX_RECEIPT_PHOTOS),
  };
}

export type WrittenKioskBundle = { file: string; pages: number; changes: number; receipt: Receipt };

/**
 * Writes the device's bundle into `directory`. `withStreams`: its set-up (kiosk stream, branding,
 * and for a door the door stream) as well as the receipt.
 */
export async function writeKioskBundle(
  s: ServerDb,
  options: { deviceId: string; directory: string; receipt: Receipt; withStreams: boolean },
  now: Date,
): Promise<WrittenKioskBundle> {
  const device = await findDevice(s, options.deviceId);
  const pages: KioskBundlePage[] = [];
  if (options.withStreams) {
    const streams: BundleStream[] = [
      'kiosk',
      'branding',
      ...(device.mode === 'door' ? ['door' as const] : []),
    ];
    for (const stream of streams) pages.push(...(await streamPages(s, device, stream)));
  }
  const images = await imagesOfPages(s, pages);
  const header: KioskBundleHeader = {
    format: KIOSK_BUNDLE_FORMAT,
    version: KIOSK_BUNDLE_VERSION,
    deviceId: device.id,
    createdAt: now.toISOString(),
    receipt: options.receipt,
    pages: pages.length,
    ...(images.length > 0 && { images: images.length }),
  };
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const name = `quiosco-${options.withStreams ? 'setup' : 'receipt'}-${device.id}-${stamp}${KIOSK_BUNDLE_EXTENSION}`;
  const file = writeSignedFile(options.directory, name, device.token_hash, ({ line }) => {
    line(`${JSON.stringify(header)}\n`);
    for (const image of images) line(`${JSON.stringify({ image })}\n`);
    for (const page of pages) line(`${JSON.stringify(page)}\n`);
    return { changes: pages.length, chunks: images.length };
  });
  const changes = pages.reduce((n, p) => n + p.changes.length, 0);
  return { file, pages: pages.length, changes, receipt: options.receipt };
}

/** Every page of one stream from cursor 0, as the pull route reads them for this device. */
async function streamPages(s: ServerDb, device: Device, stream: BundleStream): Promise<KioskBundlePage[]> {
  const pages: KioskBundlePage[] = [];
  for (let cursor = 0; ;) {
    const page = await readChanges(
      s.db,
      { deviceId: device.id, eventId: device.event_id },
      { cursor, limit: DEFAULT_PULL_LIMIT, stream },
    );
    if (page.changes.length > 0) {
      pages.push({ stream, changes: page.changes, cursor: page.cursor });
    }
    if (!page.hasMore) return pages;
    cursor = page.cursor;
  }
}

/**
 * The images the pages name, once each: a form's media refs, the branding's logo and loop. One
 * replaced on the server since its page was written is left out (the kiosk's next sync brings it).
 */
async function imagesOfPages(s: ServerDb, pages: KioskBundlePage[]): Promise<KioskBundleImage[]> {
  const images = new Map<string, Buffer>();
  for (const page of pages) {
    for (const change of page.changes) {
      if (change.kind === 'form') {
        for (const ref of change.payload.media ?? []) {
          if (images.has(ref.sha256)) continue;
          const found = await readFormMedia(s.db, change.payload.eventId, ref.sha256);
          if (found !== undefined) images.set(ref.sha256, found.bytes);
        }
      }
      if (change.kind === 'branding' && change.payload.branding !== null) {
        const { logo, attract } = change.payload.branding;
        for (const image of [...(logo === null ? [] : [logo]), ...attract]) {
          if (images.has(image.sha256)) continue;
          const found = await readBrandImage(s.db, change.payload.eventId, image.sha256);
          if (found !== undefined) images.set(image.sha256, found.bytes);
        }
      }
    }
  }
  return [...images].map(([sha256, bytes]) => ({ sha256, data: bytes.toString('base64') }));
}

async function findDevice(s: ServerDb, deviceId: string): Promise<Device> {
  const device = await s.db
    .selectFrom('devices')
    .select(['id', 'event_id', 'mode', 'last_seq', 'token_hash', 'revoked_at'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
  if (device === undefined) throw new BundleError('bundle_unknown_device', deviceId);
  if (device.revoked_at !== null) throw new BundleError('device_revoked', deviceId);
  return device;
}

async function photosOfDevice(s: ServerDb, deviceId: string): Promise<string[]> {
  const rows = await s.db
    .selectFrom('record_attachments')
    .innerJoin('submissions', 'submissions.id', 'record_attachments.submission_id')
    .select('record_attachments.name')
    .distinct()
    .where('submissions.device_id', '=', deviceId)
    .orderBy('record_attachments.name')
    .execute();
  return rows.map((r) => r.name);
}
