// Photo upload, after the records in each round: every waiting photo goes up in chunks from
// where the server's copy ends (its `received`), so an upload cut off by the network, a crash or
// a restart resumes at its last confirmed chunk, never from zero. A round sends at most a budget
// of bytes, so one slow photo never holds back the next round's records.
import { createHash } from 'node:crypto';
import { MAX_ATTACHMENT_CHUNK_BYTES, type AttachmentStatus } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import { readAttachment } from '../field/attachment-store';
import { markUploaded, photosToUpload, type WaitingPhoto } from './attachment-queue';
import type { SyncClient } from './sync-client';
import { SyncFailure } from './sync-failure';
import type { SyncError } from './sync-state';

/** Bytes of photos one round sends (up or down) before it leaves the rest to the next round. */
export const PHOTO_BYTES_PER_ROUND = 16 * 1024 * 1024;
/** Photos sent at once. */
const UPLOADS_IN_FLIGHT = 2;
/** offset_mismatch answers in a row for one photo before this round gives up on it. */
const MAX_MISMATCHES = 3;

export type PhotoBudget = { bytesLeft: number };

export type PhotoOutcome = {
  /** Photos the server confirmed whole in this round. */
  done: number;
  /** Bytes sent or received. */
  bytes: number;
  /** Work left for the next round (the budget ran out). */
  more: boolean;
  /** Photos that cannot travel as they are (corrupt here, refused there): shown to staff. */
  problems: SyncError[];
};

export type UploadOptions = {
  now: () => Date;
  deviceId: string;
  budget: PhotoBudget;
  chunkBytes?: number | undefined;
};

export async function uploadPhotos(
  db: KioskDb,
  client: SyncClient,
  options: UploadOptions,
): Promise<PhotoOutcome> {
  const outcome: PhotoOutcome = { done: 0, bytes: 0, more: false, problems: [] };
  const queue = photosToUpload(db, options.deviceId);
  let failed = false;
  // A few photos in flight at once: the kiosk reads and hashes one while the server stores another.
  const sender = async (): Promise<void> => {
    for (let photo = queue.shift(); photo !== undefined && !failed; photo = queue.shift()) {
      if (options.budget.bytesLeft <= 0) {
        outcome.more = true;
        return;
      }
      const bytes = readVerified(db, photo);
      if (typeof bytes === 'string') {
        outcome.problems.push({ code: 'attachment_corrupt', message: bytes });
        continue;
      }
      const result = await uploadOne(client, photo.name, bytes, options, outcome);
      if (result === 'complete') {
        markUploaded(db, photo.name, options.now());
        outcome.done++;
      } else if (result === 'budget') {
        outcome.more = true;
        return;
      }
    }
  };
  const senders = await Promise.allSettled(
    Array.from({ length: UPLOADS_IN_FLIGHT }, () =>
      sender().catch((e: unknown) => {
        // The others stop at their next photo; the round fails with the first error.
        failed = true;
        throw e;
      }),
    ),
  );
  const failure = senders.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  return outcome;
}

/** The photo's bytes when they still hash to its name; otherwise what is wrong, for staff. */
function readVerified(db: KioskDb, photo: WaitingPhoto): Buffer | string {
  const stored = readAttachment(db, photo.name);
  if (stored === undefined) return `The photo ${photo.name} is missing from this kiosk's media folder`;
  const hash = createHash('sha256').update(stored.bytes).digest('hex');
  if (!photo.name.startsWith(hash)) {
    return `The photo ${photo.name} on this kiosk is damaged (its bytes no longer match its name); it is not sent`;
  }
  return stored.bytes;
}

/**
 * Sends one photo from the server's `received` on. 'skipped': not this round (the server does
 * not take it yet, or refused it; a problem is noted when staff should know).
 */
async function uploadOne(
  client: SyncClient,
  name: string,
  bytes: Buffer,
  options: UploadOptions,
  outcome: PhotoOutcome,
): Promise<'complete' | 'budget' | 'skipped'> {
  const chunkBytes = Math.min(options.chunkBytes ?? MAX_ATTACHMENT_CHUNK_BYTES, MAX_ATTACHMENT_CHUNK_BYTES);
  let status: AttachmentStatus;
  try {
    status = await client.attachmentStatus(name);
  } catch (e) {
    if (e instanceof SyncFailure && refusal(e, name) === 'skip') return 'skipped';
    throw e;
  }
  let offset = status.received;
  let mismatches = 0;
  while (!status.complete) {
    if (offset >= bytes.length) {
      throw new SyncFailure(
        'invalid_response',
        `the server holds ${offset} of the ${bytes.length} bytes of ${name} but does not call it complete`,
      );
    }
    if (options.budget.bytesLeft <= 0) return 'budget';
    const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + chunkBytes));
    try {
      options.budget.bytesLeft -= chunk.length;
      outcome.bytes += chunk.length;
      status = await client.putAttachmentChunk(name, offset, bytes.length, chunk);
      mismatches = 0;
      if (!status.complete && status.received <= offset) {
        throw new SyncFailure(
          'invalid_response',
          `the server took a chunk of ${name} but did not move past ${offset}`,
        );
      }
      offset = status.received;
    } catch (e) {
      if (!(e instanceof SyncFailure)) throw e;
      const refused = refusal(e, name);
      if (refused === 'resume') {
        // Our earlier chunk reached the server though its answer did not reach us (or the reverse).
        if (++mismatches > MAX_MISMATCHES || e.detail.received === undefined) throw e;
        offset = e.detail.received;
      } else if (refused === 'skip') {
        return 'skipped';
      } else if (refused !== undefined) {
        outcome.problems.push(refused);
        return 'skipped';
      } else {
        throw e;
      }
    }
  }
  return 'complete';
}

/** How an error answer to a chunk is handled; undefined: the round fails (network, server down). */
function refusal(e: SyncFailure, name: string): 'resume' | 'skip' | SyncError | undefined {
  switch (e.code) {
    case 'offset_mismatch':
      return 'resume';
    // No record the server stored names it yet: it goes once one does.
    case 'not_found':
      return 'skip';
    // Our bytes hashed right before they left, so the server discarded a copy spoiled on the way;
    // the next round sends it again from 0. Not in this round: a fault must not become a loop.
    case 'hash_mismatch':
    case 'not_an_image':
      return { code: e.code, message: `The server refused the photo ${name}: ${e.message}` };
    default:
      return undefined;
  }
}
