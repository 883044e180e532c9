// Importing a USB bundle: the envelope is checked whole (complete, undamaged, signed by the
// device's token) before anything is written; then its changes go through applyPush in batches,
// exactly as if the kiosk had pushed them (gapless seq, idempotent, bad records refused alone),
// and its photos through the same chunk store as uploads. docs/sync-protocol.md#usb-bundles.
import { BundleError, BundleLineSchema, type ReadBundle } from '../../shared/sync/bundle';
import { readBundle, signatureMatches } from '../../shared/sync/node/bundle-sign';
import {
  AttachmentNameSchema,
  MAX_ATTACHMENT_CHUNK_BYTES,
  MAX_PUSH_CHANGES,
  PROTOCOL_VERSION,
  PushRequestSchema,
  type PushChange,
  type Rejection,
} from '../../shared/sync/protocol';
import { appendChunk, attachmentState, namedByRecordOf } from '../attachments/attachment-store';
import type { ServerDb } from '../db/server-database';
import { deviceEventIds } from '../devices/devices-store';
import type { FormCache } from '../sync/form-cache';
import { applyPush } from '../sync/push';

export type BundleImport = {
  deviceId: string;
  /** The bundle's first seq and its photos: what a receipt for this import covers. */
  fromSeq: number;
  photos: string[];
  /** Every change of the bundle is settled through here (stored, a replay, or rejected). */
  ackedThroughSeq: number;
  /** Changes of the bundle the server had not settled before this import. */
  newChanges: number;
  rejected: Rejection[];
  /** Photos stored whole by this import; already complete, and not named by a stored record. */
  photosStored: number;
  photosAlreadyThere: number;
  photosUnclaimed: number;
};

type Photo = { name: string; size: number; bytes: Buffer[] };

export async function importBundle(
  s: ServerDb,
  forms: FormCache,
  text: string,
  now: Date,
): Promise<BundleImport> {
  const bundle = readBundle(text);
  const { deviceId } = bundle.header;
  const device = await s.db.selectFrom('devices').selectAll().where('id', '=', deviceId).executeTakeFirst();
  if (device === undefined) throw new BundleError('bundle_unknown_device', deviceId);
  if (device.revoked_at !== null) throw new BundleError('device_revoked', deviceId);
  if (!signatureMatches(bundle, device.token_hash)) throw new BundleError('bundle_signature_invalid');
  const { changes, photos } = parseBody(bundle);

  let ackedThroughSeq = device.last_seq;
  let newChanges = 0;
  const rejected: Rejection[] = [];
  for (let i = 0; i < changes.length; i += MAX_PUSH_CHANGES) {
    const batch = changes.slice(i, i + MAX_PUSH_CHANGES);
    // Read again for each batch: applyPush takes the device's mark as it stands.
    const current = await s.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', deviceId)
      .executeTakeFirstOrThrow();
    // The same validation as the push route's body, so a bundle change reads as a pushed one.
    const body = PushRequestSchema.parse({
      deviceId,
      changes: batch,
      backlog: changes.length - i - batch.length,
    });
    // What the server last heard from the kiosk over the network stays as it was.
    const seen = {
      appVersion: current.app_version ?? 'usb-bundle',
      protocolVersion: current.protocol_version ?? PROTOCOL_VERSION,
      backlog: body.backlog,
    };
    const result = await applyPush(s, forms, current, body, seen, now);
    newChanges += batch.filter((c) => c.seq > current.last_seq).length;
    ackedThroughSeq = result.ackedThroughSeq;
    rejected.push(...result.rejected);
  }

  const counts = { photosStored: 0, photosAlreadyThere: 0, photosUnclaimed: 0 };
  const events = await deviceEventIds(s.db, deviceId);
  for (const photo of photos) {
    // The upload rule: only a photo a stored record of the kiosk's events names is taken.
    if (!(await namedByRecordOf(s.db, photo.name, events))) {
      counts.photosUnclaimed++;
      continue;
    }
    const state = await attachmentState(s.db, photo.name);
    if (state.complete) {
      counts.photosAlreadyThere++;
      continue;
    }
    // Continues a copy an interrupted upload left, from the bytes the server already holds.
    const bytes = Buffer.concat(photo.bytes);
    for (let offset = state.received; offset < bytes.length; offset += MAX_ATTACHMENT_CHUNK_BYTES) {
      const chunk = bytes.subarray(offset, offset + MAX_ATTACHMENT_CHUNK_BYTES);
      await appendChunk(s, photo.name, { offset, size: photo.size }, chunk, now);
    }
    counts.photosStored++;
  }
  const names = photos.map((p) => p.name);
  const fromSeq = bundle.header.fromSeq;
  return { deviceId, fromSeq, photos: names, ackedThroughSeq, newChanges, rejected, ...counts };
}

/** The changes and whole photos of a signed bundle; anything out of order is a malformed bundle. */
function parseBody(bundle: ReadBundle): { changes: PushChange[]; photos: Photo[] } {
  const changes: PushChange[] = [];
  const photos: Photo[] = [];
  let chunks = 0;
  bundle.body.forEach((text, index) => {
    const line = BundleLineSchema.safeParse(safeJson(text));
    if (!line.success)
      throw new BundleError('bundle_malformed', `line ${index + 2} is not a change or photo chunk`);
    if ('change' in line.data) {
      if (chunks > 0)
        throw new BundleError('bundle_malformed', `line ${index + 2}: a change after photo chunks`);
      changes.push(line.data.change);
      return;
    }
    chunks++;
    const { photo: name, size, offset, data } = line.data;
    const bytes = Buffer.from(data, 'base64');
    let photo = photos.at(-1);
    if (offset === 0) {
      photo = { name: AttachmentNameSchema.parse(name), size, bytes: [] };
      photos.push(photo);
    }
    const held = photo?.bytes.reduce((n, b) => n + b.length, 0);
    if (
      photo === undefined ||
      photo.name !== name ||
      photo.size !== size ||
      held !== offset ||
      offset + bytes.length > size
    ) {
      throw new BundleError('bundle_malformed', `line ${index + 2}: photo chunk out of order`);
    }
    photo.bytes.push(bytes);
  });
  const { header, trailer } = bundle;
  const whole = photos.every((p) => p.bytes.reduce((n, b) => n + b.length, 0) === p.size);
  if (
    changes.length !== header.records ||
    changes.length !== trailer.changes ||
    chunks !== trailer.chunks ||
    photos.length !== header.photos ||
    !whole
  ) {
    throw new BundleError('bundle_malformed', 'the counts in the header and trailer do not match its lines');
  }
  return { changes, photos };
}

const safeJson = (line: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};
