// Old forms' images on a real kiosk (its SQLite file and data directory in a temp dir): a
// superseded version's images go, those a later version, a draft, an unsent record or a screen
// still needs stay, a prune cut off half-way is completed by the next, and nothing being installed
// is touched.
import { existsSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installFormMedia, versionMediaDir } from '../../../shared/forms/node/form-media';
import { openKioskDatabase } from '../db/kiosk-database';
import type { KioskDb } from '../db/migrate';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { markAcked } from '../outbox/outbox';
import { readKioskSettings } from '../settings/kiosk-settings-store';
import { PNG, staffCaller, testJpeg } from '../testing/field-fixtures';
import { installImageForm } from '../testing/image-form-fixtures';
import { makeTempDir } from '../testing/kiosk-fixtures';
import { pruneFormMedia, STALE_TEMP_MS } from './form-media-prune';
import { createFormMediaPruner, SCREEN_HOLD_MS } from './form-media-pruner';
import { createFormStore } from './form-store';

const V1 = { version: '1', images: { 'durazno.jpg': testJpeg('durazno'), 'pera.png': PNG } };
const V2 = { version: '2', images: { 'pera.png': PNG, 'manzana.jpg': testJpeg('manzana') } };
type Version = typeof V1 | typeof V2;
/** A draft or record of version 1 that chose the image only version 1 names. */
const ON_V1 = {
  formId: 'frutas',
  formVersion: '1',
  language: 'es',
  answers: { f: 'durazno' },
  startedAt: '2026-11-20T16:00:00.000Z',
} as const;

let dir: ReturnType<typeof makeTempDir>;
let core: KioskCore | undefined;
let db: KioskDb | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  db?.close();
  db = undefined;
  dir.remove();
});

/** Installs a version of "frutas" (one choice per image) as `quiosco kiosk init --forms` does. */
const install = (v: Version) => installImageForm(dir.path, data(), 'frutas', v);

const data = () => join(dir.path, 'kiosk');
/** An installed image as VERSION/FILE, in its version's own folder. */
const image = (at: string) => {
  const [version = '', name = ''] = at.split('/');
  return join(versionMediaDir(data(), 'frutas', version), name);
};
const installed = () =>
  ['1/durazno.jpg', '1/pera.png', '2/pera.png', '2/manzana.jpg'].filter((at) => existsSync(image(at)));

function open(now = () => new Date()): KioskCore {
  core?.close();
  core = openKioskCore({ dataDir: data(), now, sync: { auto: false } });
  return core;
}

describe('pruning old forms’ images', () => {
  it("removes a superseded version's images at start and keeps those the new version names", async () => {
    dir = makeTempDir();
    await install(V1);
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png']);
    await install(V2);
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png', '2/pera.png', '2/manzana.jpg']);
    open();
    expect(installed()).toEqual(['2/pera.png', '2/manzana.jpg']);
  });

  it("keeps the images of a draft's version until the draft is discarded", async () => {
    dir = makeTempDir();
    await install(V1);
    const { call } = await staffCaller(open());
    const draft = await call('draft:save', { ...ON_V1, position: { path: 'f' } });
    core?.close();
    core = undefined;
    await install(V2);
    const reopened = open();
    const { call: again } = await staffCaller(reopened);
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png', '2/pera.png', '2/manzana.jpg']);

    await again('draft:discard', { draftId: draft.draftId });
    // The round after the discard prunes what waited on the draft, enrolled or not.
    await reopened.syncNow();
    expect(installed()).toEqual(['2/pera.png', '2/manzana.jpg']);
  });

  it("keeps the images of an unacknowledged record's version until the server has it", async () => {
    dir = makeTempDir();
    await install(V1);
    const saved = await open().call('submission:save', { ...ON_V1, complete: true });
    expect(saved.ok).toBe(true);
    core?.close();
    core = undefined;
    await install(V2);
    const reopened = open();
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png', '2/pera.png', '2/manzana.jpg']);

    db = openKioskDatabase(data());
    markAcked(db, 1, 1, new Date().toISOString());
    await reopened.syncNow();
    expect(installed()).toEqual(['2/pera.png', '2/manzana.jpg']);
  });

  it("keeps the images of a field record's version after the server has it: staff may open it again", async () => {
    dir = makeTempDir();
    await install(V1);
    const kiosk = open();
    const { call } = await staffCaller(kiosk);
    const { settings } = await call('staff:config', {});
    const offered = [{ formId: 'frutas', onIdle: 'keep' as const, staffOnly: true }];
    await call('staff:configure', { settings: { ...settings, offeredForms: offered } });
    const draft = await call('draft:save', { ...ON_V1, position: { path: 'f' } });
    await call('draft:finish', { draftId: draft.draftId });
    db = openKioskDatabase(data());
    markAcked(db, 1, 1, new Date().toISOString());
    kiosk.close();
    core = undefined;
    await install(V2);
    open();
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png', '2/pera.png', '2/manzana.jpg']);
  });

  it('keeps the images of a version a screen was given until the visitor can be done with it', async () => {
    dir = makeTempDir();
    await install(V1);
    db = openKioskDatabase(data());
    let now = new Date('2026-11-20T16:00:00.000Z');
    const settings = () => readKioskSettings(db as KioskDb) ?? expect.fail('no settings');
    const ctx = { db, dataDir: data(), forms: createFormStore(db), settings, now: () => now };
    const pruner = createFormMediaPruner({ ...ctx, logError: (m, e) => expect.fail(`${m}: ${String(e)}`) });
    pruner.shown([{ formId: 'frutas', version: '1' }]);
    await install(V2);

    now = new Date(now.getTime() + SCREEN_HOLD_MS);
    // Version 1's own copies of both its images wait on the screen; version 2 has its own.
    expect(pruner.prune()).toEqual({ removed: 0, bytes: 0, deferred: 2 });
    expect(pruner.owed()).toBe(true);
    now = new Date(now.getTime() + 1);
    const bytes = V1.images['durazno.jpg'].length + V1.images['pera.png'].length;
    expect(pruner.prune()).toEqual({ removed: 2, bytes, deferred: 0 });
    expect(installed()).toEqual(['2/pera.png', '2/manzana.jpg']);
    expect(pruner.owed()).toBe(false);
  });

  it('removes nothing while images are being installed, and the prune it put off runs after', async () => {
    dir = makeTempDir();
    await install(V1);
    db = openKioskDatabase(data());
    const forms = createFormStore(db);
    const settings = () => readKioskSettings(db as KioskDb) ?? expect.fail('no settings');
    const pruner = createFormMediaPruner({
      db,
      dataDir: data(),
      forms,
      settings,
      now: () => new Date(),
      logError: (m, e) => expect.fail(`${m}: ${String(e)}`),
    });
    // A pulled version's image, fetched before its form is applied: no installed version names it.
    await pruner.installing(async () => {
      installFormMedia(data(), 'frutas', '2', [{ name: 'manzana.jpg', bytes: V2.images['manzana.jpg'] }]);
      expect(pruner.prune()).toBeUndefined();
      expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png', '2/manzana.jpg']);
    });
    expect(pruner.owed()).toBe(true);
    expect(pruner.prune()).toMatchObject({ removed: 1 });
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png']);
  });

  it('a prune cut off between two files leaves every needed image, and the next one finishes', async () => {
    dir = makeTempDir();
    await install(V1);
    installFormMedia(data(), 'frutas', '1', [
      { name: 'manzana.jpg', bytes: V2.images['manzana.jpg'] },
      { name: 'uva.png', bytes: PNG },
    ]);
    db = openKioskDatabase(data());
    const forms = createFormStore(db);
    const needed = { lasting: forms.listInstalled(), passing: [] };
    const imagesOf = () => Object.keys(V1.images);
    let removals = 0;
    const crashAfterOne = (file: string) => {
      if (removals++ === 1) throw new Error('power cut');
      rmSync(file);
    };
    expect(() => pruneFormMedia(data(), needed, imagesOf, new Date(), crashAfterOne)).toThrow('power cut');
    const left = ['1/manzana.jpg', '1/uva.png'].filter((at) => existsSync(image(at)));
    expect(left).toHaveLength(1);
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png']);

    db.close();
    db = undefined;
    open();
    expect(left.filter((at) => existsSync(image(at)))).toEqual([]);
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png']);
  });

  it('removes a temp file a crash left, never one being written', async () => {
    dir = makeTempDir();
    await install(V1);
    const folder = versionMediaDir(data(), 'frutas', '1');
    const fresh = join(folder, '.fresh.tmp');
    const stale = join(folder, '.stale.tmp');
    writeFileSync(fresh, 'half');
    writeFileSync(stale, 'half');
    const now = new Date();
    const old = new Date(now.getTime() - STALE_TEMP_MS - 1000);
    utimesSync(stale, old, old);
    open(() => now);
    expect([existsSync(fresh), existsSync(stale)]).toEqual([true, false]);
    expect(installed()).toEqual(['1/durazno.jpg', '1/pera.png']);
  });
});
