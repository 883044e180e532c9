// Form media through the server (SQLite and PostgreSQL): a form uploaded with its choice image
// reaches a real kiosk, which fetches the image by hash and serves the same bytes from its web
// kiosk; a disguised image refuses the upload and stores nothing; only kiosks of the form's
// event may fetch it.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PNG, testJpeg } from '../electron/core/testing/field-fixtures';
import { makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import { startWebKiosk, type WebKiosk } from '../electron/core/web/web-server';
import { DB_KINDS, openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

const FORM = {
  survey: 'type,name,label\nselect_one f,f,Fruta\n',
  choices: 'list_name,name,label,media::image\nf,durazno,Durazno,durazno.png\nf,pera,Pera,pera.png\n',
  settings: 'form_id,version,form_title\nfrutas,1,Frutas\n',
};
const JPEG = testJpeg('pera');
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const media = (files: Record<string, Buffer>) =>
  Object.entries(files).map(([name, bytes]) => ({ name, base64: bytes.toString('base64') }));

describe.each(DB_KINDS)('form media through the server on %s', (kind) => {
  let server: TestServer | undefined;
  let kiosk: SyncKiosk | undefined;
  let web: WebKiosk | undefined;
  const dirs: { remove(): void }[] = [];
  afterEach(async () => {
    await web?.close();
    kiosk?.close();
    kiosk?.remove();
    await server?.close();
    dirs.splice(0).forEach((d) => d.remove());
  });

  it('uploaded with its form, fetched by a kiosk of the event and served by its web kiosk', async () => {
    server = await openServerForTest(kind);
    const eventId = await server.createEvent();
    const token = await server.tokenFor('coordinator');
    const upload = await server.call('POST', `/v1/events/${eventId}/forms`, {
      token,
      body: { ...FORM, media: media({ 'durazno.png': PNG, 'pera.png': PNG }) },
    });
    expect(upload.status).toBe(200);

    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.status()).sync.lastError).toBeNull();

    const renderer = makeTempDir();
    dirs.push(renderer);
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Quiosco</title>');
    web = await startWebKiosk({
      core: kiosk.core,
      port: 0,
      rendererDir: renderer.path,
      dataDir: kiosk.dataDir,
    });
    const served = await fetch(new URL('form-media/frutas/durazno.png', web.url));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(PNG);

    // The route answers only the kiosks of an event that has the form.
    const stranger = await server.enrol(await server.createEvent());
    const path = `/v1/sync/form-media/${sha(PNG)}`;
    expect((await server.call('GET', path, { token: stranger.token })).body).toMatchObject({
      error: { code: 'not_found', message: `no form image ${sha(PNG)} in this kiosk's event` },
    });
    expect((await server.call('GET', path)).status).toBe(401);
  });

  it('refuses a disguised image at upload with the exact error, and stores nothing', async () => {
    server = await openServerForTest(kind);
    const eventId = await server.createEvent();
    const token = await server.tokenFor('coordinator');
    const changes = await server.count('changes');
    const refused = await server.call('POST', `/v1/events/${eventId}/forms`, {
      token,
      body: { ...FORM, media: media({ 'durazno.png': PNG, 'pera.png': JPEG }) },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: {
        code: 'invalid_input',
        message: 'media file "pera.png" is not accepted: not a PNG image',
      },
    });
    const db = server.server.db.db;
    expect(await db.selectFrom('forms').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('form_media').selectAll().execute()).toEqual([]);
    expect(await server.count('changes')).toBe(changes);
  });
});
