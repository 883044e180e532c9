// A sync round's branding part: the event's branding from its own stream, then the images it names
// that this kiosk lacks, each checked against its hash and content before it is kept.
import type { SyncError } from '../sync/sync-state';
import type { KioskDb } from '../db/migrate';
import { pullChanges } from '../sync/pull';
import type { SyncClient } from '../sync/sync-client';
import { SyncFailure } from '../sync/sync-failure';
import { applyBrandingPage, brandImagesToFetch, storeBrandImage } from './branding-store';

export async function syncBranding(
  db: KioskDb,
  client: SyncClient,
  options: { token: string; eventId: string; now: () => Date; limit?: number | undefined },
): Promise<SyncError | undefined> {
  try {
    await pullChanges(client, {
      db,
      stream: 'branding',
      limit: options.limit,
      apply: (page) => applyBrandingPage({ db, token: options.token, now: options.now() }, page),
    });
  } catch (e) {
    // A server older than branding refuses the stream: the kiosk keeps its own look.
    if (e instanceof SyncFailure && e.code === 'invalid_input') return undefined;
    throw e;
  }
  let problem: SyncError | undefined;
  for (const image of brandImagesToFetch(db, options.eventId)) {
    let bytes: Buffer;
    try {
      bytes = await client.getBrandImage(image.sha256);
    } catch (e) {
      // Replaced on the server since this page was pulled: the next round brings the new branding.
      if (e instanceof SyncFailure && e.code === 'not_found') continue;
      throw e;
    }
    const refused = storeBrandImage(db, image, bytes, options.now());
    if (refused !== null) problem ??= { code: 'not_an_image', message: refused };
  }
  return problem;
}
