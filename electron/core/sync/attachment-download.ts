// Photos of records made on other kiosks: fetched whole, checked against the SHA-256 their name
// carries, stored durably like a photo taken here, and marked as on the server (it served them).
import { createHash } from 'node:crypto';
import { CallFailure } from '../../../shared/ipc/result';
import type { KioskDb } from '../db/migrate';
import { storeAttachment } from '../field/attachment-store';
import { markUploaded, photosToDownload } from './attachment-queue';
import type { PhotoBudget, PhotoOutcome } from './attachment-upload';
import type { SyncClient } from './sync-client';
import { SyncFailure } from './sync-failure';

export async function downloadPhotos(
  db: KioskDb,
  client: SyncClient,
  options: { now: () => Date; deviceId: string; budget: PhotoBudget },
): Promise<PhotoOutcome> {
  const outcome: PhotoOutcome = { done: 0, bytes: 0, more: false, problems: [] };
  for (const { name, mime } of photosToDownload(db, options.deviceId)) {
    if (options.budget.bytesLeft <= 0) {
      outcome.more = true;
      break;
    }
    let bytes: Buffer;
    try {
      bytes = await client.getAttachment(name);
    } catch (e) {
      // Its kiosk has not sent it yet: a later round fetches it.
      if (e instanceof SyncFailure && e.code === 'not_found') continue;
      throw e;
    }
    options.budget.bytesLeft -= bytes.length;
    outcome.bytes += bytes.length;
    if (!name.startsWith(createHash('sha256').update(bytes).digest('hex'))) {
      outcome.problems.push({
        code: 'hash_mismatch',
        message: `The server sent the photo ${name} with other bytes than its name says; not kept`,
      });
      continue;
    }
    try {
      storeAttachment(db, bytes, mime, options.now());
    } catch (e) {
      if (!(e instanceof CallFailure)) throw e;
      outcome.problems.push({ code: 'attachment_corrupt', message: `${name}: ${e.message}` });
      continue;
    }
    markUploaded(db, [name], options.now());
    outcome.done++;
  }
  return outcome;
}
