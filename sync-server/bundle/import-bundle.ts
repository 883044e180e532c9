// Importing a USB bundle: the envelope is checked whole (complete, undamaged, signed by the
// device's token) before anything is written; then its changes go through applyPush in batches,
// exactly as if the kiosk had pushed them (gapless seq, idempotent, bad records refused alone),
// and its photos through the same chunk store as uploads. The file is read a line at a time in
// both passes (bundle-lines.ts), so memory stays bounded whatever its size; it must be a private
// copy (read-bundle-file.ts), so the bytes applied are the bytes verified.
// docs/sync-protocol.md#usb-bundles.
import {
  BundleError,
  BundleHeaderSchema,
  BundleLineSchema,
  type BundleHeader,
  type BundleTrailer,
} from '../../shared/sync/bundle';
import {
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
import { bodyLines, checkBundleFile } from './bundle-lines';

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

/** Imports the plain bundle in `file` (a private copy: bundle-copy.ts). */
export async function importBundle(
  s: ServerDb,
  forms: FormCache,
  file: string,
  now: Date,
): Promise<BundleImport> {
  let device: DeviceRow | undefined;
  const body = new BodyCheck();
  const { header, trailer, signedWith } = await checkBundleFile(
    file,
    async (first) => {
      device = await findDevice(s, BundleHeaderSchema.safeParse(safeJson(first)).data?.deviceId);
      return device?.token_hash;
    },
    (line, index) => body.line(line, index),
  );
  const { deviceId } = header;
  if (device === undefined) throw new BundleError('bundle_unknown_device', deviceId);
  if (device.revoked_at !== null) throw new BundleError('device_revoked', deviceId);
  if (!signedWith) throw new BundleError('bundle_signature_invalid');
  const photos = body.verdict(header, trailer);

  // Verified whole: from here the file is read again and applied a batch at a time.
  const changes = new PushBatches(s, forms, deviceId, header.records, device.last_seq, now);
  const counts = { photosStored: 0, photosAlreadyThere: 0, photosUnclaimed: 0 };
  let events: Set<string> | undefined;
  let photo: { next: number | undefined } = { next: undefined };
  for await (const text of bodyLines(file, trailer.changes + trailer.chunks)) {
    const line = BundleLineSchema.parse(JSON.parse(text));
    if ('change' in line) {
      await changes.add(line.change);
      continue;
    }
    const { photo: name, size, offset } = line;
    if (offset === 0) {
      // Every change comes before the first photo: stored before a photo is claimed by one.
      await changes.flush();
      events ??= await deviceEventIds(s.db, deviceId);
      photo = { next: await photoStart(s, name, events, counts) };
    }
    // `next`: where the server's copy continues (an interrupted upload's bytes are kept), or
    // undefined for a photo not taken.
    const { next } = photo;
    if (next === undefined) continue;
    const bytes = Buffer.from(line.data, 'base64');
    const end = offset + bytes.length;
    if (end <= next) continue;
    await appendChunk(s, name, { offset: next, size }, bytes.subarray(next - offset), now);
    photo.next = end;
    if (end === size) counts.photosStored++;
  }
  await changes.flush();
  const { ackedThroughSeq, newChanges, rejected } = changes;
  return { deviceId, fromSeq: header.fromSeq, photos, ackedThroughSeq, newChanges, rejected, ...counts };
}

type DeviceRow = { token_hash: string; revoked_at: string | null; last_seq: number };

async function findDevice(s: ServerDb, deviceId: string | undefined): Promise<DeviceRow | undefined> {
  if (deviceId === undefined) return undefined;
  return s.db
    .selectFrom('devices')
    .select(['token_hash', 'revoked_at', 'last_seq'])
    .where('id', '=', deviceId)
    .executeTakeFirst();
}

/** Where to continue storing a photo, or undefined when it is not taken (counted why). */
async function photoStart(
  s: ServerDb,
  name: string,
  events: Set<string>,
  counts: { photosAlreadyThere: number; photosUnclaimed: number },
): Promise<number | undefined> {
  // The upload rule: only a photo a stored record of the kiosk's events names is taken.
  if (!(await namedByRecordOf(s.db, name, events))) {
    counts.photosUnclaimed++;
    return undefined;
  }
  const state = await attachmentState(s.db, name);
  if (state.complete) {
    counts.photosAlreadyThere++;
    return undefined;
  }
  return state.received;
}

/** The bundle's changes through applyPush, MAX_PUSH_CHANGES at a time, as pushes would bring them. */
class PushBatches {
  private batch: PushChange[] = [];
  private applied = 0;
  ackedThroughSeq: number;
  newChanges = 0;
  readonly rejected: Rejection[] = [];

  constructor(
    private readonly s: ServerDb,
    private readonly forms: FormCache,
    private readonly deviceId: string,
    private readonly total: number,
    lastSeq: number,
    private readonly now: Date,
  ) {
    this.ackedThroughSeq = lastSeq;
  }

  async add(change: PushChange): Promise<void> {
    this.batch.push(change);
    if (this.batch.length === MAX_PUSH_CHANGES) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.applied += batch.length;
    // Read again for each batch: applyPush takes the device's mark as it stands.
    const current = await this.s.db
      .selectFrom('devices')
      .selectAll()
      .where('id', '=', this.deviceId)
      .executeTakeFirstOrThrow();
    // The same validation as the push route's body, so a bundle change reads as a pushed one.
    const body = PushRequestSchema.parse({
      deviceId: this.deviceId,
      changes: batch,
      backlog: this.total - this.applied,
    });
    // What the server last heard from the kiosk over the network stays as it was.
    const seen = {
      appVersion: current.app_version ?? 'usb-bundle',
      protocolVersion: current.protocol_version ?? PROTOCOL_VERSION,
      backlog: body.backlog,
    };
    const result = await applyPush(this.s, this.forms, current, body, seen, this.now);
    this.newChanges += batch.filter((c) => c.seq > current.last_seq).length;
    this.ackedThroughSeq = result.ackedThroughSeq;
    this.rejected.push(...result.rejected);
  }
}

/**
 * The order and counts of a bundle's body lines, checked as they pass without keeping them: the
 * changes first, then each photo's chunks in order from offset 0 with no gap. The first problem
 * is kept until the envelope and signature are known good, then told (bundle_malformed).
 */
class BodyCheck {
  private problem: string | undefined;
  private changes = 0;
  private chunks = 0;
  private readonly photos: string[] = [];
  private photo: { name: string; size: number; held: number } | undefined;
  private whole = true;

  line(text: string, index: number): void {
    if (this.problem !== undefined) return;
    const line = BundleLineSchema.safeParse(safeJson(text));
    if (!line.success) {
      this.problem = `line ${index + 2} is not a change or photo chunk`;
      return;
    }
    if ('change' in line.data) {
      if (this.chunks > 0) this.problem = `line ${index + 2}: a change after photo chunks`;
      this.changes++;
      return;
    }
    this.chunks++;
    const { photo: name, size, offset, data } = line.data;
    const length = Buffer.byteLength(data, 'base64');
    if (offset === 0) {
      if (this.photo !== undefined && this.photo.held !== this.photo.size) this.whole = false;
      this.photo = { name, size, held: 0 };
      this.photos.push(name);
    }
    const photo = this.photo;
    if (
      photo === undefined ||
      photo.name !== name ||
      photo.size !== size ||
      photo.held !== offset ||
      offset + length > size
    ) {
      this.problem = `line ${index + 2}: photo chunk out of order`;
      return;
    }
    photo.held += length;
  }

  /** The photos' names, once the lines matched the header and trailer. */
  verdict(header: BundleHeader, trailer: BundleTrailer): string[] {
    if (this.problem !== undefined) throw new BundleError('bundle_malformed', this.problem);
    const whole = this.whole && (this.photo === undefined || this.photo.held === this.photo.size);
    if (
      this.changes !== header.records ||
      this.changes !== trailer.changes ||
      this.chunks !== trailer.chunks ||
      this.photos.length !== header.photos ||
      !whole
    ) {
      throw new BundleError(
        'bundle_malformed',
        'the counts in the header and trailer do not match its lines',
      );
    }
    return this.photos;
  }
}

const safeJson = (line: string): unknown => {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
};
