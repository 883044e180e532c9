// Event branding from a real server to a real kiosk (SQLite and PostgreSQL): pulled on its own
// stream, images fetched by hash and checked, kept when the server is gone, replaced images
// forgotten, and a cleared branding giving the kiosk its own look back.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskDatabase } from '../electron/core/db/kiosk-database';
import { DEFAULT_BRAND_COLOURS } from '../shared/sync/branding';
import { pngImage } from '../sync-server/branding/test-images';
import { updateEventBranding } from '../sync-server/events/event-branding';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

const logo = pngImage(64, 32, [200, 30, 60]);
const slides = [pngImage(160, 90, [20, 120, 200]), pngImage(160, 90, [20, 160, 90])];
const dataUrl = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;
const base64 = (bytes: Buffer) => bytes.toString('base64');

describe.each(DB_KINDS)('branding from the server to a kiosk on %s', (kind) => {
  let server: TestServer | undefined;
  let kiosk: SyncKiosk | undefined;
  afterEach(async () => {
    kiosk?.close();
    kiosk?.remove();
    await server?.close();
  });

  it('reaches the attract screen whole, stays without network, and follows every change', async () => {
    server = await openServerForTest(kind);
    const s = server.server.db;
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    await updateEventBranding(s, eventId, {
      colours: { background: '#4a0e4e', accent: '#ffd23f', onAccent: '#111418' },
      logo: base64(logo),
      attract: slides.map(base64),
    });
    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: s, url: server.url }, eventId)).enrolled).toBe(true);
    await kiosk.call('staff:sync-now', {});
    const expected = {
      eventName: expect.stringMatching(/^Test event/) as unknown as string,
      colours: { ...DEFAULT_BRAND_COLOURS, background: '#4a0e4e', accent: '#ffd23f', onAccent: '#111418' },
      logo: dataUrl(logo),
      attract: slides.map(dataUrl),
    };
    expect((await kiosk.call('kiosk:bootstrap', {})).branding).toEqual(expected);

    // The server goes away; the kiosk restarts and keeps the event's look.
    await server.close();
    server = undefined;
    await kiosk.reopen();
    expect((await kiosk.call('kiosk:bootstrap', {})).branding).toEqual(expected);
  });

  it('forgets replaced images, and a cleared branding gives the kiosk its own look', async () => {
    server = await openServerForTest(kind);
    const s = server.server.db;
    const eventId = await server.createEvent(['encuesta-impacto-economico']);
    await updateEventBranding(s, eventId, { logo: base64(logo), attract: slides.map(base64) });
    kiosk = await openSyncKiosk();
    await kiosk.enrol({ db: s, url: server.url }, eventId);
    await kiosk.call('staff:sync-now', {});
    await updateEventBranding(s, eventId, { attract: [base64(slides[1] as Buffer)] });
    await kiosk.call('staff:sync-now', {});
    const branding = (await kiosk.call('kiosk:bootstrap', {})).branding;
    expect(branding).toMatchObject({
      colours: null,
      logo: dataUrl(logo),
      attract: [dataUrl(slides[1] as Buffer)],
    });
    expect(storedImages(kiosk.dataDir)).toEqual([logo, slides[1] as Buffer].map(sha).sort());

    await updateEventBranding(s, eventId, { clear: true });
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.call('kiosk:bootstrap', {})).branding).toBeNull();
    expect(storedImages(kiosk.dataDir)).toEqual([]);
    expect((await kiosk.status()).sync.lastError).toBeNull();
  });
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function storedImages(dataDir: string): string[] {
  const db = openKioskDatabase(dataDir);
  try {
    return db
      .prepare<[], { sha256: string }>('SELECT sha256 FROM brand_images ORDER BY sha256')
      .all()
      .map((r) => r.sha256);
  } finally {
    db.close();
  }
}
