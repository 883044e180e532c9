// What a kiosk keeps of fetched branding images, on a real kiosk database: only bytes that hash to
// the name and are, read from their content, the image the branding says; nothing else is stored.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { pngImage } from '../../../sync-server/branding/test-images';
import type { BrandImage } from '../../../shared/sync/branding';
import { openKioskDatabase } from '../db/kiosk-database';
import { makeTempDir } from '../testing/kiosk-fixtures';
import { storeBrandImage } from './branding-store';

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());
const NOW = new Date('2026-11-21T10:00:00Z');

const refOf = (bytes: Buffer, contentType: BrandImage['contentType'] = 'image/png'): BrandImage => ({
  sha256: createHash('sha256').update(bytes).digest('hex'),
  contentType,
  width: 8,
  height: 8,
  size: bytes.length,
});

describe('storeBrandImage', () => {
  it('keeps an image that is what its branding names, and refuses other bytes or another type', () => {
    dir = makeTempDir();
    const db = openKioskDatabase(dir.path);
    const png = pngImage(8, 8, [10, 20, 30]);
    const other = pngImage(8, 8, [30, 20, 10]);
    const ref = refOf(png);
    expect(storeBrandImage(db, ref, other, NOW)).toBe(
      `the server sent other bytes than the branding image ${ref.sha256}; not kept`,
    );
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    expect(storeBrandImage(db, refOf(html), html, NOW)).toBe(
      `branding image ${refOf(html).sha256}: not a PNG, JPEG or WebP image (read from its content, whatever its name says)`,
    );
    const asJpeg = refOf(png, 'image/jpeg');
    expect(storeBrandImage(db, asJpeg, png, NOW)).toBe(
      `branding image ${ref.sha256} is image/png, not image/jpeg; not kept`,
    );
    expect(db.prepare('SELECT count(*) AS n FROM brand_images').get()).toEqual({ n: 0 });
    expect(storeBrandImage(db, ref, png, NOW)).toBeNull();
    expect(db.prepare('SELECT sha256, content_type FROM brand_images').all()).toEqual([
      { sha256: ref.sha256, content_type: 'image/png' },
    ]);
    db.close();
  });
});
