// Set-up bundles carry images (SQLite and PostgreSQL): a kiosk that was enrolled but never pulled
// loads a `quiosco export-kiosk-bundle` file and its web kiosk serves the form's choice image byte
// for byte, its attract screen has the event's logo and its staff screen the event's name. An
// image whose bytes are not the ones its form lists is refused, with nothing applied, even in a
// correctly signed file.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PNG } from '../electron/core/testing/field-fixtures';
import { makeTempDir, TEST_PIN } from '../electron/core/testing/kiosk-fixtures';
import { startWebKiosk, type WebKiosk } from '../electron/core/web/web-server';
import { BundleSigner } from '../shared/sync/node/bundle-sign';
import { writeKioskBundle } from '../sync-server/bundle/kiosk-bundle-writer';
import { pngImage } from '../sync-server/branding/test-images';
import { openServerDatabase } from '../sync-server/db/server-database';
import { updateEventBranding } from '../sync-server/events/event-branding';
import { readEventDetails } from '../sync-server/events/event-details';
import { addForm, readFormSheets } from '../sync-server/events/events-store';
import {
  createTestDatabase,
  DB_KINDS,
  openServerForTest,
  type TestDatabase,
} from '../sync-server/testing/test-server';
import { openSyncKiosk, type SyncKiosk } from './support/sync-kiosk';

const FORM = {
  survey: 'type,name,label\nselect_one f,f,Fruta\n',
  choices: 'list_name,name,label,media::image\nf,durazno,Durazno,durazno.png\nf,pera,Pera,pera.png\n',
  settings: 'form_id,version,form_title\nfrutas,1,Frutas\n',
};
const PERA = pngImage(8, 8, [120, 200, 40]);
const LOGO = pngImage(16, 8, [20, 40, 160]);
const NOW = new Date('2026-11-20T18:00:00.000Z');

describe.each(DB_KINDS)('set-up bundles with images on %s', (kind) => {
  let database: TestDatabase | undefined;
  let kiosk: SyncKiosk | undefined;
  let web: WebKiosk | undefined;
  const dirs: { remove(): void }[] = [];
  afterEach(async () => {
    await web?.close();
    web = undefined;
    kiosk?.close();
    kiosk?.remove();
    await database?.drop();
    database = undefined;
    dirs.splice(0).forEach((d) => d.remove());
  });
  const temp = () => {
    const dir = makeTempDir('quiosco-usb-');
    dirs.push(dir);
    return dir.path;
  };

  /** A kiosk enrolled while its event had no forms, then cut off: the server is stopped. */
  async function offlineKiosk() {
    database = await createTestDatabase(kind);
    const server = await openServerForTest(kind, { database: database.config });
    const eventId = await server.createEvent();
    kiosk = await openSyncKiosk();
    expect((await kiosk.enrol({ db: server.server.db, url: server.url }, eventId)).enrolled).toBe(true);
    await server.close();
    const s = await openServerDatabase(database.config);
    try {
      await addForm(s, eventId, readFormSheets(FORM), NOW, [
        { name: 'durazno.png', bytes: PNG },
        { name: 'pera.png', bytes: PERA },
      ]);
      await updateEventBranding(s, eventId, { logo: LOGO.toString('base64') }, NOW);
      const device = await s.db.selectFrom('devices').select('token_hash').executeTakeFirstOrThrow();
      const receipt = { ackedThroughSeq: 0, rejected: [], photos: [] };
      const drive = temp();
      const written = await writeKioskBundle(
        s,
        { deviceId: kiosk.core.deviceId, directory: drive, receipt, withStreams: true },
        NOW,
      );
      const { name } = await readEventDetails(s.db, eventId);
      return { k: kiosk, file: written.file, tokenHash: device.token_hash, eventName: name };
    } finally {
      await s.close();
    }
  }

  async function served(k: SyncKiosk, path: string) {
    const renderer = temp();
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Quiosco</title>');
    web ??= await startWebKiosk({ core: k.core, port: 0, rendererDir: renderer, dataDir: k.dataDir });
    const response = await fetch(new URL(path, web.url));
    return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
  }

  const bootstrap = (k: SyncKiosk) => k.call('kiosk:bootstrap', {});

  it('a kiosk that never pulled serves the form’s choice image byte for byte after loading the set-up', async () => {
    const { k, file, eventName } = await offlineKiosk();
    expect((await served(k, 'form-media/frutas/pera.png?version=1')).status).toBe(404);
    expect((await bootstrap(k)).branding).toBeNull();
    // Never pulled: the staff screen shows the event's id until the file brings its name.
    expect((await k.status()).eventName).toBeNull();

    const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const loaded = await k.core.call('staff:load-bundle', { token: unlocked.value.token, path: file });
    expect(loaded).toMatchObject({ ok: true, value: { files: 1 } });

    expect(await served(k, 'form-media/frutas/pera.png?version=1')).toEqual({ status: 200, bytes: PERA });
    expect(await served(k, 'form-media/frutas/durazno.png?version=1')).toEqual({ status: 200, bytes: PNG });
    const after = await bootstrap(k);
    expect(after.branding?.logo).toBe(`data:image/png;base64,${LOGO.toString('base64')}`);
    expect((await k.status()).eventName).toBe(eventName);
  });

  it('an image that is not the one its form lists refuses the file, nothing applied', async () => {
    const { k, file, tokenHash } = await offlineKiosk();
    // Another PNG under pera's hash, signed as the server signs: only the hash check can catch it.
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').slice(0, -2);
    const peraHash = createHash('sha256').update(PERA).digest('hex');
    const forged = lines.map((line) =>
      line.includes(`"sha256":"${peraHash}","data"`)
        ? JSON.stringify({ image: { sha256: peraHash, data: LOGO.toString('base64') } })
        : line,
    );
    expect(forged).not.toEqual(lines);
    const signer = new BundleSigner(tokenHash);
    const signed = forged.map((l) => `${l}\n`).join('');
    signer.update(signed);
    const header = JSON.parse(lines[0] ?? '') as { pages: number; images: number };
    writeFileSync(file, signed + signer.trailer(header.pages, header.images));

    const unlocked = await k.core.call('staff:unlock', { pin: TEST_PIN });
    if (!unlocked.ok) throw new Error(unlocked.error.message);
    const loaded = await k.core.call('staff:load-bundle', { token: unlocked.value.token, path: file });
    expect(loaded).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: `Not a readable Quiosco bundle: line ${lines.findIndex((l) => l.includes(peraHash)) + 1}: the image's bytes do not have its SHA-256`,
        details: { bundleError: 'bundle_malformed' },
      },
    });
    expect((await bootstrap(k)).forms.map((f) => f.formId)).not.toContain('frutas');
    expect((await served(k, 'form-media/frutas/pera.png?version=1')).status).toBe(404);
    expect((await bootstrap(k)).branding).toBeNull();
  });
});
