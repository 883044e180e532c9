// Event branding over real HTTP on SQLite and PostgreSQL: set by coordinators, refused with the
// exact reason (low contrast, a fake image, SVG) leaving everything as it was, pulled by the
// event's kiosks on the branding stream, its images fetched by hash.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrandingResponseSchema, DEFAULT_BRAND_COLOURS } from '../../shared/sync/branding';
import { PullResponseSchema } from '../../shared/sync/protocol';
import { pngImage } from '../branding/test-images';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';

const logo = pngImage(64, 32, [200, 30, 60]);
const slide = pngImage(160, 90, [20, 120, 200]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(DB_KINDS)('event branding on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let coordinator: string;
  const put = (body: unknown, token = coordinator, event = eventId) =>
    t.call('PUT', `/v1/events/${event}/branding`, { token, body });
  const get = async () =>
    BrandingResponseSchema.parse(
      (await t.call('GET', `/v1/events/${eventId}/branding`, { token: coordinator })).body,
    ).branding;

  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent();
    coordinator = await t.tokenFor('coordinator');
  });
  afterAll(async () => t?.close());

  it('stores colours and images checked by content, and a kiosk of the event pulls them and fetches the images', async () => {
    const device = await t.enrol(eventId);
    const answer = await put({
      colours: { background: '#4a0e4e', accent: '#ffd23f', onAccent: '#111418' },
      logo: logo.toString('base64'),
      attract: [slide.toString('base64')],
    });
    expect(answer.status).toBe(200);
    const expected = {
      colours: { ...DEFAULT_BRAND_COLOURS, background: '#4a0e4e', accent: '#ffd23f', onAccent: '#111418' },
      logo: { sha256: sha(logo), contentType: 'image/png', width: 64, height: 32, size: logo.length },
      attract: [{ sha256: sha(slide), contentType: 'image/png', width: 160, height: 90, size: slide.length }],
    };
    expect(BrandingResponseSchema.parse(answer.body).branding).toEqual(expected);
    expect(await get()).toEqual(expected);

    const pulled = PullResponseSchema.parse(
      (await t.call('GET', '/v1/sync/pull?stream=branding', { token: device.token })).body,
    );
    expect(pulled.changes.map(({ kind, id, payload }) => ({ kind, id, payload }))).toEqual([
      { kind: 'branding', id: eventId, payload: { eventId, branding: expected } },
    ]);
    // Kiosks built before branding pull the kiosk stream only, and never meet the new kind.
    const kioskStream = PullResponseSchema.parse(
      (await t.call('GET', '/v1/sync/pull', { token: device.token })).body,
    );
    expect(kioskStream.changes.map((c) => c.kind)).not.toContain('branding');

    const image = await fetch(new URL(`v1/sync/branding/${sha(logo)}`, t.url), {
      headers: {
        authorization: `Bearer ${device.token}`,
        'x-quiosco-protocol': '1',
        'x-quiosco-app': 'test/1',
      },
    });
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(logo)).toBe(true);
  });

  it('refuses low-contrast colours with the pair and the ratio, and keeps the branding as it was', async () => {
    const before = await get();
    const changes = await t.count('changes', { eventId });
    const answer = await put({
      colours: { accent: '#5a1a5e', onAccent: '#ffffff' },
      logo: slide.toString('base64'),
    });
    expect(answer).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'invalid_input',
          field: 'colours',
          message:
            'colours: accent #5a1a5e on background #4a0e4e has a contrast of 1.19:1; WCAG AA needs at least 3:1',
        },
      },
    });
    expect(await get()).toEqual(before);
    expect(await t.count('changes', { eventId })).toBe(changes);
  });

  it('refuses a text file named as an image and an SVG by their content, storing nothing', async () => {
    const before = await get();
    const changes = await t.count('changes', { eventId });
    const fake = Buffer.from('<html>not a picture</html>').toString('base64');
    expect(await put({ attract: [slide.toString('base64'), fake] })).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'not_an_image',
          field: 'attract.1',
          message: 'attract.1: not a PNG, JPEG or WebP image (read from its content, whatever its name says)',
        },
      },
    });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>').toString('base64');
    expect(await put({ logo: svg })).toMatchObject({
      status: 422,
      body: {
        error: {
          code: 'not_an_image',
          field: 'logo',
          message: 'logo: SVG images are refused (they can carry scripts and links): export it as PNG',
        },
      },
    });
    expect(await get()).toEqual(before);
    expect(await t.count('changes', { eventId })).toBe(changes);
  });

  it('lets only managers change branding, and kiosks fetch only their own event’s images', async () => {
    const statistician = await t.tokenFor('statistician');
    expect((await put({ clear: true }, statistician)).status).toBe(403);
    const otherEvent = await t.createEvent();
    const stranger = await t.enrol(otherEvent);
    const image = await fetch(new URL(`v1/sync/branding/${sha(logo)}`, t.url), {
      headers: {
        authorization: `Bearer ${stranger.token}`,
        'x-quiosco-protocol': '1',
        'x-quiosco-app': 'test/1',
      },
    });
    expect(image.status).toBe(404);
  });

  it('clears to the kiosks’ own look and tells the kiosks so', async () => {
    const answer = await put({ clear: true });
    expect(BrandingResponseSchema.parse(answer.body).branding).toBeNull();
    expect(await get()).toBeNull();
    const device = await t.enrol(eventId);
    const pulled = PullResponseSchema.parse(
      (await t.call('GET', '/v1/sync/pull?stream=branding', { token: device.token })).body,
    );
    expect(pulled.changes.at(-1)?.payload).toEqual({ eventId, branding: null });
  });
});
