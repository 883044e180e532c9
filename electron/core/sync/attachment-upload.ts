// Photo upload, after the records in each round: one exchange asks where the server's copies of
// the round's photos stand, then each photo goes up whole, or from where the server's copy ends
// (its `received`) when an earlier upload was cut off by the network, a crash or a restart; the
// server keeps the part of a request that arrived, so nothing resumes from zero. A few photos are
// in flight at once. A round sends at most a budget of bytes, so one slow photo never holds back
// the next round's records.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { MAX_ATTACHMENT_STATUS_NAMES } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import { mediaDir } from '../field/attachment-store';
import { markUploaded, photosToUpload, type WaitingPhoto } from './attachment-queue';
import type { SyncClient } from './sync-client';
import { SyncFailure } from './sync-failure';
import type { SyncError } from './sync-state';

/** Bytes of photos one round sends (up or down) before it leaves the rest to the next round. */
export const PHOTO_BYTES_PER_ROUND = 64 * 1024 * 1024;
/** Photos sent at once: the kiosk reads and hashes one while the server stores another. */
const UPLOADS_IN_FLIGHT = 3;
/** offset_mismatch answers in a row for one photo before this round gives up on it. */
const MAX_MISMATCHES = 3;
/** Bytes a photo file is read by, to hash it and to send it: a few reads and writes per photo. */
const READ_BYTES = 256 * 1024;

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

export type UploadOptions = { now: () => Date; deviceId: string; budget: PhotoBudget };

type Upload = { photo: WaitingPhoto; from: number };
/** A photo file that hashes to its name, and its length. */
type PhotoFile = { name: string; path: string; size: number };

export async function uploadPhotos(
  db: KioskDb,
  client: SyncClient,
  options: UploadOptions,
): Promise<PhotoOutcome> {
  const outcome: PhotoOutcome = { done: 0, bytes: 0, more: false, problems: [] };
  // Marked together when the round ends, however it ends: one fsync, not one per photo.
  const confirmed: string[] = [];
  try {
    await sendAll(db, client, options, outcome, confirmed);
  } finally {
    markUploaded(db, confirmed, options.now());
  }
  return outcome;
}

async function sendAll(
  db: KioskDb,
  client: SyncClient,
  options: UploadOptions,
  outcome: PhotoOutcome,
  confirmed: string[],
): Promise<void> {
  const queue = await startingPoints(db, client, options, outcome, confirmed);
  let failed = false;
  const sender = async (): Promise<void> => {
    for (let next = queue.shift(); next !== undefined && !failed; next = queue.shift()) {
      const file = await verifiedFile(db, next.photo);
      if (typeof file === 'string') {
        outcome.problems.push({ code: 'attachment_corrupt', message: file });
        continue;
      }
      if ((await uploadOne(client, file, next.from, options, outcome)) === 'complete') {
        confirmed.push(next.photo.name);
        outcome.done++;
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
}

/**
 * The photos this round sends (as many as the budget covers, the one that crosses it included)
 * and where each starts, from one status exchange. Photos the server already holds whole are
 * confirmed; photos it does not take yet (no stored record names them) wait.
 */
async function startingPoints(
  db: KioskDb,
  client: SyncClient,
  options: UploadOptions,
  outcome: PhotoOutcome,
  confirmed: string[],
): Promise<Upload[]> {
  const round: WaitingPhoto[] = [];
  let planned = 0;
  for (const photo of photosToUpload(db, options.deviceId)) {
    if (planned >= options.budget.bytesLeft || round.length === MAX_ATTACHMENT_STATUS_NAMES) {
      outcome.more = true;
      break;
    }
    round.push(photo);
    planned += photo.size;
  }
  if (round.length === 0) return [];
  const { attachments } = await client.attachmentStatuses(round.map((photo) => photo.name));
  const states = new Map(attachments.map((state) => [state.name, state]));
  return round.flatMap((photo) => {
    const state = states.get(photo.name);
    if (state === undefined) return [];
    if (state.complete) {
      confirmed.push(photo.name);
      outcome.done++;
      return [];
    }
    return [{ photo, from: state.received }];
  });
}

/**
 * The photo's file when its bytes still hash to its name; otherwise what is wrong, for staff. Read
 * as it streams, never whole: no request is made for a damaged photo, so the server never holds
 * a part of one.
 */
async function verifiedFile(db: KioskDb, photo: WaitingPhoto): Promise<PhotoFile | string> {
  const path = join(mediaDir(db), photo.name);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: READ_BYTES })) {
      const bytes = chunk as Buffer;
      hash.update(bytes);
      size += bytes.length;
    }
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT')
      return `The photo ${photo.name} is missing from this kiosk's media folder`;
    throw e;
  }
  if (!photo.name.startsWith(hash.digest('hex'))) {
    return `The photo ${photo.name} on this kiosk is damaged (its bytes no longer match its name); it is not sent`;
  }
  return { name: photo.name, path, size };
}

/**
 * Sends the rest of one photo from `from` in one request. 'skipped': not this round (the server
 * does not take it yet, or refused it; a problem is noted when staff should know).
 */
async function uploadOne(
  client: SyncClient,
  { name, path, size }: PhotoFile,
  from: number,
  options: UploadOptions,
  outcome: PhotoOutcome,
): Promise<'complete' | 'skipped'> {
  let offset = from;
  for (let mismatches = 0; ;) {
    if (offset >= size) {
      throw new SyncFailure(
        'invalid_response',
        `the server holds ${offset} of the ${size} bytes of ${name} but does not call it complete`,
      );
    }
    options.budget.bytesLeft -= size - offset;
    outcome.bytes += size - offset;
    const rest = createReadStream(path, { start: offset, highWaterMark: READ_BYTES });
    try {
      const status = await client.putAttachmentChunk(name, offset, size, rest);
      if (status.complete) return 'complete';
      throw new SyncFailure(
        'invalid_response',
        `the server took the rest of ${name} from ${offset} but holds ${status.received} of ${size} bytes`,
      );
    } catch (e) {
      if (!(e instanceof SyncFailure)) throw e;
      const refused = refusal(e, name);
      if (refused === 'resume') {
        // Its copy moved on since the status: a retry whose answer was lost reached it meanwhile.
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
    } finally {
      // Closes the file when the request ended before reading it all (refused, cut, never sent).
      rest.destroy();
    }
  }
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
