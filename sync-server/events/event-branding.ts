// An event's branding: colours checked for contrast, images checked by their content, kept by
// SHA-256; every change goes down to the event's kiosks whole, on the branding stream.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { sniffBrandImage } from '../../shared/sync/brand-image';
import {
  BrandColoursSchema,
  BrandingUpdateSchema,
  DEFAULT_BRAND_COLOURS,
  EventBrandingSchema,
  type BrandImage,
  type BrandingUpdate,
  type EventBranding,
} from '../../shared/sync/branding';
import type { ServerDb } from '../db/server-database';
import type { Database } from '../db/schema';
import { appendChanges } from '../sync/change-log';
import { SyncError } from '../sync-error';
import { describeIssue, parseOrThrow } from '../validation';
import { requireEvent } from './events-store';

type CheckedImage = BrandImage & { bytes: Buffer };

/** Applies a change to an event's branding (see BrandingUpdateSchema); answers the branding after it. */
export async function updateEventBranding(
  s: ServerDb,
  eventId: string,
  input: BrandingUpdate,
  now = new Date(),
): Promise<EventBranding | null> {
  return applyBranding(s, eventId, checkBranding(input), now);
}

export type CheckedBranding = {
  update: z.output<typeof BrandingUpdateSchema>;
  logo: CheckedImage | null | undefined;
  attract: CheckedImage[] | undefined;
};

/**
 * A change checked whole, its images decoded, sniffed and hashed (up to 9 MiB of them): done before
 * applyBranding's transaction, so as not to hold it open meanwhile.
 */
export function checkBranding(input: BrandingUpdate): CheckedBranding {
  const update = parseOrThrow(BrandingUpdateSchema, input, 'branding');
  // Every image is checked before anything is written: a bad one leaves the branding as it was.
  const logo = update.logo == null ? update.logo : checkImage(update.logo, 'logo');
  const attract = update.attract?.map((image, i) => checkImage(image, `attract.${i}`));
  return { update, logo, attract };
}

export async function applyBranding(
  s: ServerDb,
  eventId: string,
  { update, logo, attract }: CheckedBranding,
  now: Date,
): Promise<EventBranding | null> {
  return s.transaction(async (trx) => {
    await requireEvent(trx, eventId);
    const current = update.clear ? null : await readEventBranding(trx, eventId);
    let colours = current?.colours ?? null;
    if (update.colours !== undefined) {
      const merged = BrandColoursSchema.safeParse({
        ...(colours ?? DEFAULT_BRAND_COLOURS),
        ...update.colours,
      });
      if (!merged.success) {
        const { field, message } = describeIssue(merged.error, 'colours');
        throw new SyncError('invalid_input', message, { field });
      }
      colours = merged.data;
    }
    if (update.clear) await trx.deleteFrom('event_media').where('event_id', '=', eventId).execute();
    let nextLogo = current?.logo ?? null;
    if (logo !== undefined) {
      nextLogo = (await replaceMedia(trx, eventId, 'logo', logo === null ? [] : [logo], now))[0] ?? null;
    }
    let nextAttract = current?.attract ?? [];
    if (attract !== undefined) nextAttract = await replaceMedia(trx, eventId, 'attract', attract, now);
    const next: EventBranding = { colours, logo: nextLogo, attract: nextAttract };
    const branding = next.colours === null && next.logo === null && next.attract.length === 0 ? null : next;
    await trx
      .updateTable('events')
      .set({ branding: branding === null ? null : JSON.stringify(branding) })
      .where('id', '=', eventId)
      .execute();
    await appendChanges(
      trx,
      s.kind,
      [{ kind: 'branding', id: eventId, payload: { eventId, branding }, scope: { eventId } }],
      now,
    );
    return branding;
  });
}

export async function readEventBranding(
  db: Kysely<Database>,
  eventId: string,
): Promise<EventBranding | null> {
  const row = await db.selectFrom('events').select('branding').where('id', '=', eventId).executeTakeFirst();
  if (row === undefined) throw new SyncError('not_found', `no event ${eventId}`, { field: 'eventId' });
  return row.branding === null ? null : EventBrandingSchema.parse(JSON.parse(row.branding));
}

/** An image of the event's branding by its hash, for the event's kiosks. */
export async function readBrandImage(
  db: Kysely<Database>,
  eventId: string,
  sha256: string,
): Promise<{ bytes: Buffer; contentType: string } | undefined> {
  const row = await db
    .selectFrom('event_media')
    .select(['bytes', 'content_type'])
    .where('event_id', '=', eventId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row && { bytes: Buffer.from(row.bytes), contentType: row.content_type };
}

function checkImage(base64: string, field: string): CheckedImage {
  const bytes = Buffer.from(base64, 'base64');
  const sniffed = sniffBrandImage(bytes);
  if (!sniffed.ok) throw new SyncError('not_an_image', `${field}: ${sniffed.error}`, { field });
  const { contentType, width, height } = sniffed;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { sha256, contentType, width, height, size: bytes.length, bytes };
}

async function replaceMedia(
  trx: Kysely<Database>,
  eventId: string,
  purpose: 'logo' | 'attract',
  images: CheckedImage[],
  now: Date,
): Promise<BrandImage[]> {
  await trx
    .deleteFrom('event_media')
    .where('event_id', '=', eventId)
    .where('purpose', '=', purpose)
    .execute();
  if (images.length > 0) {
    await trx
      .insertInto('event_media')
      .values(
        images.map((image, position) => ({
          event_id: eventId,
          purpose,
          position,
          sha256: image.sha256,
          content_type: image.contentType,
          width: image.width,
          height: image.height,
          bytes: image.bytes,
          created_at: now.toISOString(),
        })),
      )
      .execute();
  }
  return images.map(({ sha256, contentType, width, height, size }) => ({
    sha256,
    contentType,
    width,
    height,
    size,
  }));
}
