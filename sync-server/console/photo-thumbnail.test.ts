// The data table's photo thumbnails over real HTTP on SQLite and PostgreSQL: a 256 px JPEG in the
// photo's aspect, made once then served from the cache, the same roles and audit as the full
// photo, PNG drawings sent whole, and a stored JPEG that does not decode refused in words.
import { createHash } from 'node:crypto';
import { decode, encode } from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { storeDemoPhoto } from '../../cli/demo-data/demo-photos';
import { payloadOf, pusher } from '../exports/testing/export-fixtures';
import { seedFieldRecords, type FieldRecords } from '../exports/testing/field-record-fixtures';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { createUser } from './accounts';
import { listAudit } from './audit';
import { ThumbnailCache } from './photo-thumbnail';
import { signedIn, type SignedIn } from './testing/signed-in';

const PASSWORD = 'correct horse battery';
const jpegName = (bytes: Buffer) => `${createHash('sha256').update(bytes).digest('hex')}.jpg`;

/** A 640 × 480 JPEG: left half black, right half white (a box filter keeps the edge grey). */
function landscape(): Buffer {
  const data = Buffer.alloc(640 * 480 * 4);
  for (let i = 0; i < 640 * 480; i++)
    data.fill(i % 640 < 320 ? 0 : 255, i * 4, i * 4 + 3).fill(255, i * 4 + 3, i * 4 + 4);
  return encode({ width: 640, height: 480, data }, 90).data;
}

/** A JPEG cut in half, its end marker put back: it passes the upload check, it does not decode. */
function corrupt(): Buffer {
  const whole = landscape();
  return Buffer.concat([whole.subarray(0, whole.length >> 1), Buffer.from([0xff, 0xd9])]);
}

describe.each(DB_KINDS)('photo thumbnails on %s', (kind) => {
  let t: TestServer;
  let field: FieldRecords;
  const good = landscape();
  const bad = corrupt();
  const sessions = {} as Record<Role, SignedIn>;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    field = await seedFieldRecords(t);
    const device = await t.enrol(field.eventId, 'Tableta de fotos');
    const createdAt = '2026-11-21T19:00:00.000Z';
    const fotos = [{ foto: jpegName(good) }, { foto: jpegName(bad) }];
    const answers = { ...field.revisions.a1.answers, fotos };
    await pusher(
      t,
      device,
    )(payloadOf({ form: 'patrimonio-inmaterial', device: 0, createdAt, answers }, device));
    for (const bytes of [good, bad])
      await storeDemoPhoto(t.server.db, jpegName(bytes), bytes, new Date(createdAt));
    for (const role of ['admin', 'statistician', 'door_supervisor'] as const) {
      await createUser(t.server.db, { username: role, role, password: PASSWORD });
      sessions[role] = await signedIn(t, role, PASSWORD);
    }
  });
  afterAll(() => t.close());

  const fetchAs = (role: Role, name: string, path = '/thumbnail') =>
    fetch(new URL(`console/api/photos/${name}${path}`, t.url), {
      headers: { cookie: sessions[role].cookie },
    });
  const auditCount = async () => (await listAudit(t.server.db, 10_000)).length;

  it('answers a 256 px JPEG in the photo aspect, made once then from the cache, audited each time', async () => {
    const before = await auditCount();
    const first = await fetchAs('admin', jpegName(good));
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/jpeg');
    expect(first.headers.get('x-thumbnail-cache')).toBe('miss');
    const bytes = Buffer.from(await first.arrayBuffer());
    expect(bytes.length).toBeLessThan(good.length);
    const image = decode(bytes, { useTArray: true });
    expect([image.width, image.height]).toEqual([256, 192]);
    // Box-filtered: black on the left, white on the right.
    expect(image.data[(96 * 256 + 10) * 4]).toBeLessThan(16);
    expect(image.data[(96 * 256 + 246) * 4]).toBeGreaterThan(239);
    const second = await fetchAs('admin', jpegName(good));
    expect(second.headers.get('x-thumbnail-cache')).toBe('hit');
    expect(Buffer.from(await second.arrayBuffer()).equals(bytes)).toBe(true);
    const audit = (await listAudit(t.server.db, 10_000)).slice(0, (await auditCount()) - before);
    expect(audit).toHaveLength(2);
    for (const entry of audit)
      expect(entry).toMatchObject({
        actor: 'admin',
        action: 'personal_data_read',
        detail: { via: 'console', photo: jpegName(good) },
      });
  });

  it('sends a PNG (a drawing or signature) whole, as the full photo route does', async () => {
    const r = await fetchAs('admin', field.photos.small.name);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await r.arrayBuffer()).equals(field.photos.small.bytes)).toBe(true);
  });

  it('refuses a stored JPEG that does not decode in words, audits nothing, and keeps serving', async () => {
    const before = await auditCount();
    const r = await fetchAs('admin', jpegName(bad));
    expect(r.status).toBe(422);
    const { error } = ErrorBodySchema.parse(await r.json());
    expect(error.code).toBe('not_an_image');
    expect(error.message).toBe(
      `the photo ${jpegName(bad)} could not be read as a JPEG for its thumbnail (unexpected marker: ffd9); open the full photo`,
    );
    expect(await auditCount()).toBe(before);
    expect((await fetchAs('admin', jpegName(good))).status).toBe(200);
  });

  it('refuses roles without personal data exactly as the full photo does, and audits nothing', async () => {
    const before = await auditCount();
    for (const role of ['statistician', 'door_supervisor'] as const) {
      const thumb = await fetchAs(role, jpegName(good));
      const full = await fetchAs(role, jpegName(good), '');
      expect([thumb.status, full.status]).toEqual([403, 403]);
      const body = ErrorBodySchema.parse(await thumb.json());
      expect(body.error).toMatchObject({
        code: 'forbidden',
        message: `The ${role} role may not do this; it needs admin`,
      });
      expect(ErrorBodySchema.parse(await full.json()).error).toEqual(body.error);
    }
    expect(await auditCount()).toBe(before);
  });
});

describe('the thumbnail cache', () => {
  it('keeps at most its bytes, dropping the least recently used first', () => {
    const cache = new ThumbnailCache(10);
    const of = (n: number) => Buffer.alloc(n);
    cache.set('a', of(4));
    cache.set('b', of(4));
    expect(cache.get('a')?.length).toBe(4); // a is now the most recent
    cache.set('c', of(4));
    expect([cache.get('a'), cache.get('b'), cache.get('c')].map((b) => b?.length)).toEqual([4, undefined, 4]);
    cache.set('big', of(11)); // larger than the whole cache: not kept, nothing dropped
    expect([cache.get('big'), cache.get('a')?.length]).toEqual([undefined, 4]);
  });
});
