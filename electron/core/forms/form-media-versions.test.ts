// Two versions of a form that name the same image file with different pictures, on a real kiosk
// (its SQLite file and data directory in a temp dir) served by its web kiosk over HTTP: each
// version shows its own picture, a dropped version's copy goes while the kept one stays, and
// images a kiosk installed in the old layout (form-media/FORM/FILE) keep showing after the upgrade.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formMediaDir, versionKey, versionMediaDir } from '../../../shared/forms/node/form-media';
import { formMediaUrl } from '../../../shared/forms/form-media-url';
import { pngImage } from '../../../sync-server/branding/test-images';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { staffCaller } from '../testing/field-fixtures';
import { installImageForm } from '../testing/image-form-fixtures';
import { makeTempDir } from '../testing/kiosk-fixtures';
import { startWebKiosk, type WebKiosk } from '../web/web-server';

const PLATO_1 = pngImage(8, 8, [200, 40, 40]);
const PLATO_2 = pngImage(8, 8, [40, 200, 40]);
const SOPA = pngImage(8, 4, [40, 40, 200]);
const V1 = { version: '1', images: { 'plato.png': PLATO_1, 'sopa.png': SOPA } };
const V2 = { version: '2', images: { 'plato.png': PLATO_2 } };
type Version = typeof V1 | typeof V2;

let dir: ReturnType<typeof makeTempDir>;
let core: KioskCore | undefined;
let web: WebKiosk | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
  core?.close();
  core = undefined;
  dir.remove();
});

const data = () => join(dir.path, 'kiosk');

/** Installs a version of "menu" (one choice per image) as `quiosco kiosk init --forms` does. */
const install = (v: Version) => installImageForm(dir.path, data(), 'menu', v);

/** Opens the kiosk and a staff draft of version 1, then closes it: the draft holds version 1. */
async function draftOfVersion1(): Promise<string> {
  const { call } = await staffCaller(open());
  const draft = await call('draft:save', {
    formId: 'menu',
    formVersion: '1',
    language: 'es',
    answers: { f: 'plato' },
    position: { path: 'f' },
    startedAt: '2026-11-20T16:00:00.000Z',
  });
  core?.close();
  core = undefined;
  return draft.draftId;
}

function open(): KioskCore {
  core = openKioskCore({ dataDir: data(), sync: { auto: false } });
  return core;
}

/** GETs what the renderer asks for when it shows this version's image. */
async function shown(version: string, name: string): Promise<{ status: number; bytes: Buffer }> {
  const renderer = join(dir.path, 'renderer');
  mkdirSync(renderer, { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Quiosco</title>');
  web ??= await startWebKiosk({ core: core ?? open(), port: 0, rendererDir: renderer, dataDir: data() });
  const response = await fetch(new URL(formMediaUrl({ formId: 'menu', version }, name), web.url));
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

const image = (version: string, name: string) => join(versionMediaDir(data(), 'menu', version), name);

describe('form images per form version', () => {
  it("a draft of version 1 shows version 1's picture after version 2 is installed; pruned with version 1 alone", async () => {
    dir = makeTempDir();
    await install(V1);
    const draftId = await draftOfVersion1();
    await install(V2);
    const { call } = await staffCaller(open());
    const draft = await call('draft:get', { draftId });
    expect(draft.formVersion).toBe('1');

    expect(await shown(draft.formVersion, 'plato.png')).toEqual({ status: 200, bytes: PLATO_1 });
    expect(await shown('1', 'sopa.png')).toEqual({ status: 200, bytes: SOPA });
    expect(await shown('2', 'plato.png')).toEqual({ status: 200, bytes: PLATO_2 });

    await call('draft:discard', { draftId });
    // The round after the discard prunes what waited on the draft (the kiosk is not enrolled).
    await core?.syncNow();
    expect([existsSync(image('1', 'plato.png')), existsSync(image('1', 'sopa.png'))]).toEqual([false, false]);
    expect(existsSync(versionMediaDir(data(), 'menu', '1'))).toBe(false);
    expect(await shown('2', 'plato.png')).toEqual({ status: 200, bytes: PLATO_2 });
    const gone = await shown('1', 'plato.png');
    expect([gone.status, JSON.parse(gone.bytes.toString('utf8'))]).toEqual([
      404,
      { ok: false, error: { code: 'not_found', message: 'no image "plato.png" in form menu version "1"' } },
    ]);
  });

  it('moves images installed in the old layout into the folders of the versions that name them', async () => {
    dir = makeTempDir();
    await install(V1);
    const draftId = await draftOfVersion1();
    // As the old code left them: one file per form and name, straight under the form's folder.
    const folder = join(formMediaDir(data()), 'menu');
    rmSync(folder, { recursive: true });
    mkdirSync(folder);
    for (const [name, bytes] of Object.entries(V1.images)) writeFileSync(join(folder, name), bytes);
    // Version 2 installed by the new code before the kiosk first starts: it brings its own picture.
    await install(V2);
    expect(readdirSync(folder).sort()).toEqual(['plato.png', 'sopa.png', versionKey('2')].sort());

    const { call } = await staffCaller(open());
    expect(readdirSync(folder).sort()).toEqual([versionKey('1'), versionKey('2')].sort());
    expect(await shown('1', 'plato.png')).toEqual({ status: 200, bytes: PLATO_1 });
    expect(await shown('1', 'sopa.png')).toEqual({ status: 200, bytes: SOPA });
    expect(await shown('2', 'plato.png')).toEqual({ status: 200, bytes: PLATO_2 });
    expect(readdirSync(versionMediaDir(data(), 'menu', '2'))).toEqual(['plato.png']);

    // Once moved, version 1's copies are pruned like any other version's.
    await call('draft:discard', { draftId });
    await core?.syncNow();
    expect(readdirSync(folder)).toEqual([versionKey('2')]);
  });
});
