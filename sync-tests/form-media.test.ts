// Form media through the server (SQLite and PostgreSQL): a form uploaded with its choice image
// reaches a real kiosk, which fetches the image by hash and serves the same bytes from its web
// kiosk; a disguised image refuses the upload and stores nothing; only kiosks of the form's
// event may fetch it.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PNG, testJpeg } from '../electron/core/testing/field-fixtures';
import { pngImage } from '../sync-server/branding/test-images';
import { makeTempDir } from '../electron/core/testing/kiosk-fixtures';
import { startWebKiosk, type WebKiosk } from '../electron/core/web/web-server';
import { quioscoOn } from '../cli/testing/run-quiosco';
import { assignDevice } from '../sync-server/devices/devices-store';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  pointDatabaseUrlAt,
  type TestDatabase,
  type TestServer,
} from '../sync-server/testing/test-server';
import { openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

const FORM = {
  survey: 'type,name,label\nselect_one f,f,Fruta\n',
  choices: 'list_name,name,label,media::image\nf,durazno,Durazno,durazno.png\nf,pera,Pera,pera.png\n',
  settings: 'form_id,version,form_title\nfrutas,1,Frutas\n',
};
const JPEG = testJpeg('pera');
// A second PNG, so that each image has a hash of its own.
const PERA = pngImage(8, 8, [120, 200, 40]);
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const media = (files: Record<string, Buffer>) =>
  Object.entries(files).map(([name, bytes]) => ({ name, base64: bytes.toString('base64') }));

describe.each(DB_KINDS)('form media through the server on %s', (kind) => {
  let server: TestServer | undefined;
  let kiosk: SyncKiosk | undefined;
  let web: WebKiosk | undefined;
  let database: TestDatabase | undefined;
  const dirs: { remove(): void }[] = [];
  const cleanups: (() => void)[] = [];
  afterEach(async () => {
    await web?.close();
    web = undefined;
    kiosk?.close();
    kiosk?.remove();
    await server?.close();
    await database?.drop();
    database = undefined;
    dirs.splice(0).forEach((d) => d.remove());
    cleanups.splice(0).forEach((undo) => undo());
  });

  /** The web kiosk over the test kiosk's data directory, answering GET form-media/FORM/FILE?version=V. */
  async function servedImage(
    k: SyncKiosk,
    path: string,
  ): Promise<{ status: number; type: string | null; bytes: Buffer }> {
    const renderer = makeTempDir();
    dirs.push(renderer);
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Quiosco</title>');
    web ??= await startWebKiosk({ core: k.core, port: 0, rendererDir: renderer.path, dataDir: k.dataDir });
    const served = await fetch(new URL(path, web.url));
    return {
      status: served.status,
      type: served.headers.get('content-type'),
      bytes: Buffer.from(await served.arrayBuffer()),
    };
  }

  /** A server on a database the CLI can open too (--data or DATABASE_URL). */
  async function serverWithCli() {
    database = await createTestDatabase(kind);
    cleanups.push(pointDatabaseUrlAt(database.config));
    server = await openServerForTest(kind, { database: database.config });
    const config = database.config;
    return { server, quiosco: quioscoOn(() => config) };
  }

  function formFolder(images: Record<string, Buffer>): string {
    const dir = makeTempDir();
    dirs.push(dir);
    for (const [sheet, text] of Object.entries(FORM))
      writeFileSync(join(dir.path, `frutas.${sheet}.csv`), text);
    mkdirSync(join(dir.path, 'frutas-media'));
    for (const [name, bytes] of Object.entries(images))
      writeFileSync(join(dir.path, 'frutas-media', name), bytes);
    return dir.path;
  }

  it('uploaded with its form, fetched by a kiosk of the event and served by its web kiosk', async () => {
    server = await openServerForTest(kind);
    const eventId = await server.createEvent();
    const token = await server.tokenFor('coordinator');
    const upload = await server.call('POST', `/v1/events/${eventId}/forms`, {
      token,
      body: { ...FORM, media: media({ 'durazno.png': PNG, 'pera.png': PERA }) },
    });
    expect(upload.status).toBe(200);

    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.status()).sync.lastError).toBeNull();

    expect(await servedImage(kiosk, 'form-media/frutas/durazno.png?version=1')).toEqual({
      status: 200,
      type: 'image/png',
      bytes: PNG,
    });
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=1')).bytes).toEqual(PERA);

    // The route answers only the kiosks of an event that has the form.
    const stranger = await server.enrol(await server.createEvent());
    const path = `/v1/sync/form-media/${sha(PNG)}`;
    expect((await server.call('GET', path, { token: stranger.token })).body).toMatchObject({
      error: { code: 'not_found', message: `no form image ${sha(PNG)} in this kiosk's event` },
    });
    expect((await server.call('GET', path)).status).toBe(401);
  });

  it('the same version uploaded with other images has those, and a kiosk fetches only the changed one', async () => {
    server = await openServerForTest(kind);
    const eventId = await server.createEvent();
    const token = await server.tokenFor('coordinator');
    const upload = async (files: Record<string, Buffer>) => {
      const sent = await server!.call('POST', `/v1/events/${eventId}/forms`, {
        token,
        body: { ...FORM, media: media(files) },
      });
      return (sent.body as { status?: string }).status;
    };
    const stored = async () =>
      (
        await server!.server.db.db
          .selectFrom('form_media')
          .select(['name', 'sha256'])
          .where('event_id', '=', eventId)
          .execute()
      ).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(await upload({ 'durazno.png': PNG, 'pera.png': PERA })).toBe('added');
    kiosk = await openSyncKiosk();
    await kiosk.enrol({ db: server.server.db, url: server.url }, eventId);
    await kiosk.call('staff:sync-now', {});
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=1')).bytes).toEqual(PERA);

    const changes = await server.count('changes');
    expect(await upload({ 'durazno.png': PNG, 'pera.png': PERA })).toBe('unchanged');
    expect(await server.count('changes')).toBe(changes);

    // Pera's image is redrawn: the server's copy of durazno is made unreadable, so a kiosk that
    // fetched it again would fail the round; it fetches pera alone, by its new hash.
    const PERA_2 = pngImage(8, 8, [200, 120, 40]);
    expect(await upload({ 'durazno.png': PNG, 'pera.png': PERA_2 })).toBe('media_replaced');
    expect(await stored()).toEqual([
      { name: 'durazno.png', sha256: sha(PNG) },
      { name: 'pera.png', sha256: sha(PERA_2) },
    ]);
    expect(await server.count('changes')).toBe(changes + 1);
    await server.server.db.db
      .updateTable('form_media')
      .set({ bytes: JPEG })
      .where('name', '=', 'durazno.png')
      .execute();
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.status()).sync.lastError).toBeNull();
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=1')).bytes).toEqual(PERA_2);
    expect((await servedImage(kiosk, 'form-media/frutas/durazno.png?version=1')).bytes).toEqual(PNG);

    // Uploaded without durazno's image: the version no longer lists it.
    expect(await upload({ 'pera.png': PERA_2 })).toBe('media_replaced');
    expect(await stored()).toEqual([{ name: 'pera.png', sha256: sha(PERA_2) }]);
  });

  it("a new version's pull removes the old version's images and installs the new one's", async () => {
    server = await openServerForTest(kind);
    const eventId = await server.createEvent();
    const token = await server.tokenFor('coordinator');
    const upload = async (form: typeof FORM, files: Record<string, Buffer>) =>
      (
        await server!.call('POST', `/v1/events/${eventId}/forms`, {
          token,
          body: { ...form, media: media(files) },
        })
      ).status;
    expect(await upload(FORM, { 'durazno.png': PNG, 'pera.png': PERA })).toBe(200);
    kiosk = await openSyncKiosk();
    await kiosk.enrol({ db: server.server.db, url: server.url }, eventId);
    await kiosk.call('staff:sync-now', {});
    expect((await servedImage(kiosk, 'form-media/frutas/durazno.png?version=1')).status).toBe(200);

    const V2 = {
      ...FORM,
      choices: 'list_name,name,label,media::image\nf,pera,Pera,pera.png\n',
      settings: 'form_id,version,form_title\nfrutas,2,Frutas\n',
    };
    expect(await upload(V2, { 'pera.png': PERA })).toBe(200);
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.status()).sync.lastError).toBeNull();
    // Nothing holds version 1: its copies go, version 2 has its own (fetched by hash into its folder).
    expect((await servedImage(kiosk, 'form-media/frutas/durazno.png?version=1')).status).toBe(404);
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=1')).status).toBe(404);
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=2')).bytes).toEqual(PERA);
  });

  it('two versions naming the same file with different pictures: a screen still on version 1 gets its own', async () => {
    server = await openServerForTest(kind);
    const eventId = await server.createEvent();
    const token = await server.tokenFor('coordinator');
    const body = (version: string, pera: Buffer) => ({
      ...FORM,
      settings: `form_id,version,form_title\nfrutas,${version},Frutas\n`,
      media: media({ 'durazno.png': PNG, 'pera.png': pera }),
    });
    const forms = `/v1/events/${eventId}/forms`;
    expect((await server.call('POST', forms, { token, body: body('1', PERA) })).status).toBe(200);
    kiosk = await openSyncKiosk();
    await kiosk.enrol({ db: server.server.db, url: server.url }, eventId);
    await assignDevice(server.server.db, kiosk.core.deviceId, {
      eventId,
      offeredForms: [{ formId: 'frutas', onIdle: 'discard' }],
    });
    await kiosk.call('staff:sync-now', {});
    // The attract screen is handed version 1, and keeps it until its visitor is done.
    expect((await kiosk.call('kiosk:bootstrap', {})).forms.map((f) => f.version)).toEqual(['1']);

    const PERA_2 = pngImage(8, 8, [200, 120, 40]);
    expect((await server.call('POST', forms, { token, body: body('2', PERA_2) })).status).toBe(200);
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.status()).sync.lastError).toBeNull();
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=1')).bytes).toEqual(PERA);
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=2')).bytes).toEqual(PERA_2);
    expect((await servedImage(kiosk, 'form-media/frutas/durazno.png?version=2')).bytes).toEqual(PNG);
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

    const unnamed = await server.call('POST', `/v1/events/${eventId}/forms`, {
      token,
      body: { ...FORM, media: media({ 'durazno.png': PNG, 'otra.png': PERA }) },
    });
    expect(unnamed.body).toMatchObject({
      error: {
        code: 'invalid_input',
        message: 'media file "otra.png" is not accepted: the form names no such image',
      },
    });
    expect(await db.selectFrom('forms').selectAll().execute()).toEqual([]);
  });

  it('admin form add sends NAME-media/ with the form, and a kiosk moved to the event fetches it too', async () => {
    const { quiosco } = await serverWithCli();
    const eventId = await server!.createEvent();
    const other = await server!.createEvent();
    const added = await quiosco(
      'admin',
      'form',
      'add',
      '--event',
      eventId,
      formFolder({ 'durazno.png': PNG, 'pera.png': PERA }),
    );
    expect(added).toMatchObject({ code: 0, err: '' });

    kiosk = await openSyncKiosk();
    const s = server!.server.db;
    await kiosk.enrol({ db: s, url: server!.url }, other);
    await kiosk.call('staff:sync-now', {});
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=1')).status).toBe(404);
    await assignDevice(s, kiosk.core.deviceId, {
      eventId,
      offeredForms: [{ formId: 'frutas', onIdle: 'discard' }],
    });
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.status()).sync.lastError).toBeNull();
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=1')).bytes).toEqual(PERA);
    expect((await kiosk.call('kiosk:bootstrap', {})).settings.offeredForms).toEqual([
      { formId: 'frutas', onIdle: 'discard' },
    ]);
  });

  it('admin form add refuses a disguised image in NAME-media/ and attaches nothing', async () => {
    const { quiosco } = await serverWithCli();
    const eventId = await server!.createEvent();
    const folder = formFolder({ 'durazno.png': PNG, 'pera.png': JPEG });
    const refused = await quiosco('admin', 'form', 'add', '--event', eventId, folder);
    expect(refused).toMatchObject({
      code: 1,
      err: `quiosco admin: ${join(folder, 'frutas.survey.csv')}: media file "pera.png" is not installed: not a PNG image\n`,
    });
    const db = server!.server.db.db;
    expect(await db.selectFrom('forms').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('form_media').selectAll().execute()).toEqual([]);
  });

  it('installs a form only with all its images: an image that does not match fails the round, the next installs it', async () => {
    server = await openServerForTest(kind);
    const eventId = await server.createEvent();
    const token = await server.tokenFor('coordinator');
    await server.call('POST', `/v1/events/${eventId}/forms`, {
      token,
      body: { ...FORM, media: media({ 'durazno.png': PNG, 'pera.png': PERA }) },
    });
    const db = server.server.db.db;
    // The stored bytes no longer match the hash the form change lists.
    await db.updateTable('form_media').set({ bytes: JPEG }).where('name', '=', 'pera.png').execute();
    kiosk = await openSyncKiosk();
    await kiosk.enrol({ db: server.server.db, url: server.url }, eventId);
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.status()).sync.lastError).toEqual({
      code: 'invalid_response',
      message: expect.stringContaining(
        'form frutas media file "pera.png" from the server: its bytes are not the ones the form lists',
      ) as unknown as string,
    });
    const formIds = async () => (await kiosk!.call('kiosk:bootstrap', {})).forms.map((f) => f.formId);
    expect(await formIds()).not.toContain('frutas');

    await db.updateTable('form_media').set({ bytes: PERA }).where('name', '=', 'pera.png').execute();
    await kiosk.call('staff:sync-now', {});
    expect((await kiosk.status()).sync.lastError).toBeNull();
    expect((await servedImage(kiosk, 'form-media/frutas/pera.png?version=1')).bytes).toEqual(PERA);
    await assignDevice(server.server.db, kiosk.core.deviceId, {
      eventId,
      offeredForms: [{ formId: 'frutas', onIdle: 'discard' }],
    });
    await kiosk.call('staff:sync-now', {});
    expect(await formIds()).toContain('frutas');
  });
});
