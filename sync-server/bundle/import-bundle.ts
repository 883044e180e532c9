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
import { AttachmentCheck } from '../attachments/attachment-check';
import { appendChunk, attachmentState, namedByRecordOf } from '../attachments/attachment-store';
import type { ServerDb } from '../db/server-database';
import { deviceEventIds } from '../devices/devices-store';
import { SyncError } from '../sync-error';
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
  const { header, trailer, signedWith, notUtf8 } = await checkBundleFile(
    file,
    async (first) => {
      const claimed = BundleHeaderSchema.safeParse(safeJson(first)).data?.deviceId;
      body.device = claimed;
      device = await findDevice(s, claimed);
      return device?.token_hash;
    },
    (line, index) => body.line(line, index),
  );
  const { deviceId } = header;
  if (device === undefined) throw new BundleError('bundle_unknown_device', deviceId);
  if (device.revoked_at !== null) throw new BundleError('device_revoked', deviceId);
  if (!signedWith) throw new BundleError('bundle_signature_invalid');
  // Signed as bytes but read as text: a record would be stored with U+FFFD where its bytes were.
  if (notUtf8 !== undefined) throw new BundleError('bundle_malformed', `line ${notUtf8} is not UTF-8 text`);
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
 * changes first, their seqs following each other from the header's fromSeq to its throughSeq, each
 * a record of the bundle's device; then each photo's chunks in order from offset 0 with no gap,
 * its bytes what its name says. So whatever the push or the chunk store would refuse part-way
 * (after earlier batches and photos were stored) is refused before anything is written. The first
 * problem is kept until the envelope and signature are known good, then told.
 */
class BodyCheck {
  /** The device the first line names (told before any body line). */
  device: string | undefined;
  private problem: string | undefined;
  private foreign: SyncError | undefined;
  private changes = 0;
  private seqs: { first: number; last: number } | undefined;
  private chunks = 0;
  private readonly photos: string[] = [];
  private photo: { name: string; size: number; held: number; check: AttachmentCheck } | undefined;
  private whole = true;

  line(text: string, index: number): void {
    if (this.problem !== undefined) return;
    const at = `line ${index + 2}`;
    const line = BundleLineSchema.safeParse(safeJson(text));
    if (!line.success) {
      this.problem = `${at} is not a change or photo chunk`;
      return;
    }
    if ('change' in line.data) {
      if (this.chunks > 0) this.problem = `${at}: a change after photo chunks`;
      this.changes++;
      this.change(line.data.change, at);
      return;
    }
    this.chunks++;
    const { photo: name, size, offset, data } = line.data;
    const bytes = Buffer.from(data, 'base64');
    if (offset === 0) {
      if (this.photo !== undefined && this.photo.held !== this.photo.size) this.whole = false;
      this.photo = { name, size, held: 0, check: new AttachmentCheck(name) };
      this.photos.push(name);
    }
    const photo = this.photo;
    if (
      photo === undefined ||
      photo.name !== name ||
      photo.size !== size ||
      photo.held !== offset ||
      offset + bytes.length > size
    ) {
      this.problem = `${at}: photo chunk out of order`;
      return;
    }
    photo.held += bytes.length;
    photo.check.update(bytes);
    const wrong = photo.held === size ? photo.check.problem() : undefined;
    if (wrong !== undefined)
      this.problem = `${at}: the bytes of photo ${name} are not what its name says (${wrong.code})`;
  }

  private change(change: PushChange, at: string): void {
    const { seq } = change;
    if (this.seqs !== undefined && seq !== this.seqs.last + 1) {
      this.problem = `${at}: seq ${seq} after seq ${this.seqs.last} (a bundle's seqs follow each other)`;
      return;
    }
    this.seqs = { first: this.seqs?.first ?? seq, last: seq };
    // As the push reads a record's owner (ids in lower case); it refuses the batch for one.
    const owner = (change.payload as { deviceId?: unknown } | null)?.deviceId;
    if (
      this.foreign === undefined &&
      typeof owner === 'string' &&
      owner.toLowerCase() !== this.device?.toLowerCase()
    ) {
      this.foreign = new SyncError(
        'forbidden',
        `${at}: record of device ${owner}; a kiosk's bundle carries only its own records`,
        { field: 'payload.deviceId' },
      );
    }
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
    const { seqs } = this;
    if (seqs !== undefined && (seqs.first !== header.fromSeq || seqs.last !== header.throughSeq)) {
      throw new BundleError(
        'bundle_malformed',
        `the header's seqs ${header.fromSeq}–${header.throughSeq} are not its changes' ${seqs.first}–${seqs.last}`,
      );
    }
    if (this.foreign !== undefined) throw this.foreign;
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
