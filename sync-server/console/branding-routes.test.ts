// The console's event branding over real HTTP on SQLite and PostgreSQL: a coordinator sets colours
// and a logo (stored, audited, queued for the kiosks, its image shown); other roles get the exact
// 403; a low-contrast colour and an SVG logo get the admin API's exact errors and change nothing.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandImageUrl } from '../../shared/console/branding-api';
import type { Role } from '../../shared/sync/admin-api';
import { BrandingResponseSchema, DEFAULT_BRAND_COLOURS } from '../../shared/sync/branding';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { pngImage } from '../branding/test-images';
import { readEventBranding } from '../events/event-branding';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { listAudit } from './audit';
import { signedInRoles, type SignedIn } from './testing/signed-in';

const logo = pngImage(48, 24, [200, 30, 60]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.each(DB_KINDS)('console event branding on %s', (kind) => {
  let t: TestServer;
  let eventId: string;
  let as: (role: Role) => SignedIn;
  const url = () => `/console/api/setup/events/${eventId}/branding`;
  const post = (body: unknown, role: Role = 'coordinator') => as(role).call('POST', url(), { body });
  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;

  beforeAll(async () => {
    t = await openServerForTest(kind);
    eventId = await t.createEvent();
    as = await signedInRoles(t, ['coordinator', 'statistician', 'door_supervisor']);
  });
  afterAll(async () => t?.close());

  it('sets colours and a logo: stored, audited, queued for kiosks, the image served to the page', async () => {
    const changes = await t.count('changes', { eventId });
    const r = await post({ colours: { background: '#4a0e4e' }, logo: logo.toString('base64') });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const expected = {
      colours: { ...DEFAULT_BRAND_COLOURS, background: '#4a0e4e' },
      logo: { sha256: sha(logo), contentType: 'image/png', width: 48, height: 24, size: logo.length },
      attract: [],
    };
    expect(BrandingResponseSchema.parse(r.body).branding).toEqual(expected);
    expect(await readEventBranding(t.server.db.db, eventId)).toEqual(expected);
    const read = await as('coordinator').call('GET', url());
    expect(BrandingResponseSchema.parse(read.body).branding).toEqual(expected);
    expect(await t.count('changes', { eventId })).toBe(changes + 1);
    expect((await listAudit(t.server.db))[0]).toMatchObject({
      actor: 'coordinator',
      action: 'event_updated',
      detail: { eventId, changes: { branding: [null, { logo: sha(logo), attract: [] }] } },
    });

    const image = await fetch(new URL(brandImageUrl(eventId, sha(logo)).slice(1), t.url), {
      headers: { cookie: as('coordinator').cookie },
    });
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect(Buffer.from(await image.arrayBuffer()).equals(logo)).toBe(true);
  });

  it('is for managers only', async () => {
    for (const role of ['statistician', 'door_supervisor'] as const) {
      for (const [method, body] of [
        ['GET', undefined],
        ['POST', { clear: true }],
      ] as const) {
        const r = await as(role).call(method, url(), { body });
        expect([role, method, r.status, errorOf(r).message]).toEqual([
          role,
          method,
          403,
          `The ${role} role may not do this; it needs admin or coordinator`,
        ]);
      }
    }
    expect(await readEventBranding(t.server.db.db, eventId)).not.toBeNull();
  });

  it('refuses a low-contrast colour and an SVG logo with the exact reasons, changing nothing', async () => {
    const before = await readEventBranding(t.server.db.db, eventId);
    const changes = await t.count('changes', { eventId });
    const audited = (await listAudit(t.server.db)).length;
    const dim = await post({ colours: { accent: '#5a1a5e', onAccent: '#ffffff' } });
    expect([dim.status, errorOf(dim)]).toEqual([
      400,
      {
        code: 'invalid_input',
        field: 'colours',
        message:
          'colours: accent #5a1a5e on background #4a0e4e has a contrast of 1.19:1; WCAG AA needs at least 3:1',
      },
    ]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64');
    const refused = await post({ logo: svg });
    expect([refused.status, errorOf(refused)]).toEqual([
      422,
      {
        code: 'not_an_image',
        field: 'logo',
        message: 'logo: SVG images are refused (they can carry scripts and links): export it as PNG',
      },
    ]);
    expect(await readEventBranding(t.server.db.db, eventId)).toEqual(before);
    expect(await t.count('changes', { eventId })).toBe(changes);
    expect((await listAudit(t.server.db)).length).toBe(audited);
  });
});
