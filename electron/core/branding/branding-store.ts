// The kiosk's copy of its events' branding: applied from the branding stream with its cursor,
// kept while the network is away, and its images stored by SHA-256 once fetched and checked.
// The attract screen gets it with the images as data: URLs, built only from checked bytes.
import { createHash } from 'node:crypto';
import { sniffBrandImage } from '../../../shared/sync/brand-image';
import { EventBrandingSchema, type BrandImage, type EventBranding } from '../../../shared/sync/branding';
import type { KioskBranding } from '../../../shared/ipc/contract';
import type { KioskDb } from '../db/migrate';
import { applyWithCursor, type PulledPage } from '../sync/apply-pull';
import { readEventName } from '../settings/event-name';

/** Applies a page of the branding stream with its cursor; false when nothing was saved (enrolled again). */
export function applyBrandingPage(ctx: { db: KioskDb; token: string; now: Date }, page: PulledPage): boolean {
  const { db } = ctx;
  const upsert = db.prepare(
    `INSERT INTO event_branding (event_id, branding, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (event_id) DO UPDATE SET branding = excluded.branding, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM event_branding WHERE event_id = ?');
  const applied = applyWithCursor(db, ctx.token, 'branding', page.cursor, () => {
    for (const change of page.changes) {
      if (change.kind !== 'branding') continue;
      const { eventId, branding } = change.payload;
      if (branding === null) remove.run(eventId);
      else upsert.run(eventId, JSON.stringify(branding), ctx.now.toISOString());
    }
    forgetUnusedImages(db);
    return true;
  });
  return applied ?? false;
}

function brandingOf(db: KioskDb, eventId: string): EventBranding | null {
  const row = db
    .prepare<[string], { branding: string }>('SELECT branding FROM event_branding WHERE event_id = ?')
    .get(eventId);
  return row === undefined ? null : EventBrandingSchema.parse(JSON.parse(row.branding));
}

const imagesOf = (branding: EventBranding): BrandImage[] => [
  ...(branding.logo === null ? [] : [branding.logo]),
  ...branding.attract,
];

/** Images no event's branding names any more: a replaced loop does not fill the disk. */
function forgetUnusedImages(db: KioskDb): void {
  const named = new Set(
    db
      .prepare<[], { branding: string }>('SELECT branding FROM event_branding')
      .all()
      .flatMap((row) => imagesOf(EventBrandingSchema.parse(JSON.parse(row.branding))).map((i) => i.sha256)),
  );
  const stored = db.prepare<[], { sha256: string }>('SELECT sha256 FROM brand_images').all();
  const drop = db.prepare('DELETE FROM brand_images WHERE sha256 = ?');
  for (const { sha256 } of stored) if (!named.has(sha256)) drop.run(sha256);
}

/** The images of the event's branding that this kiosk has not stored yet. */
export function brandImagesToFetch(db: KioskDb, eventId: string): BrandImage[] {
  const branding = brandingOf(db, eventId);
  if (branding === null) return [];
  const has = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM brand_images WHERE sha256 = ?');
  return imagesOf(branding).filter((image) => has.get(image.sha256)?.n === 0);
}

/**
 * Keeps fetched bytes if they are the image the branding names: the same SHA-256 and, read from
 * the content, the same type and size. Answers why not otherwise.
 */
export function storeBrandImage(db: KioskDb, image: BrandImage, bytes: Buffer, now: Date): string | null {
  if (createHash('sha256').update(bytes).digest('hex') !== image.sha256) {
    return `the server sent other bytes than the branding image ${image.sha256}; not kept`;
  }
  const sniffed = sniffBrandImage(bytes);
  if (!sniffed.ok) return `branding image ${image.sha256}: ${sniffed.error}`;
  if (sniffed.contentType !== image.contentType) {
    return `branding image ${image.sha256} is ${sniffed.contentType}, not ${image.contentType}; not kept`;
  }
  db.prepare(
    `INSERT INTO brand_images (sha256, content_type, bytes, stored_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (sha256) DO NOTHING`,
  ).run(image.sha256, sniffed.contentType, bytes, now.toISOString());
  return null;
}

/** What the attract screen shows for the event: null for no branding (the kiosk's own look). */
export function readKioskBranding(db: KioskDb, eventId: string): KioskBranding | null {
  const branding = brandingOf(db, eventId);
  if (branding === null) return null;
  const image = db.prepare<[string], { content_type: string; bytes: Buffer }>(
    'SELECT content_type, bytes FROM brand_images WHERE sha256 = ?',
  );
  // An image not fetched yet is left out until a later sync brings it.
  const url = (ref: BrandImage): string[] => {
    const row = image.get(ref.sha256);
    return row === undefined ? [] : [`data:${row.content_type};base64,${row.bytes.toString('base64')}`];
  };
  return {
    eventName: readEventName(db, eventId) ?? eventId,
    colours: branding.colours,
    logo: branding.logo === null ? null : (url(branding.logo)[0] ?? null),
    attract: branding.attract.flatMap(url),
  };
}
