// Form media travel with a form installed from its folder and are served by the web kiosk over
// real HTTP as form-media/FORM/FILE?version=V: checked names only, PNG or JPEG by their bytes,
// within size, each version's own.
import { request } from 'node:http';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFormMedia, MAX_FORM_MEDIA_BYTES, versionMediaDir } from '../../../shared/forms/node/form-media';
import { loadForm } from '../forms/form-files';
import { formImage, formImageAskedBy } from '../forms/form-image-request';
import { HTTP_STATUS } from '../../../shared/ipc/http-status';
import { openKioskCore, type KioskCore } from '../kiosk-core';
import { bigJpeg, PNG, testJpeg } from '../testing/field-fixtures';
import { initTestKiosk, makeTempDir } from '../testing/kiosk-fixtures';
import { startWebKiosk, type WebKiosk } from './web-server';

const JPEG = testJpeg('fruta');

/** A trio whose choices name images: two present in frutas-media/, the rest missing or unfit. */
function writeForm(dir: string): void {
  writeFileSync(
    join(dir, 'frutas.survey.csv'),
    'type,name,label,media::image\nselect_one f,f,Fruta,logo.png\n',
  );
  writeFileSync(
    join(dir, 'frutas.choices.csv'),
    [
      'list_name,name,label,media::image',
      'f,durazno,Durazno,durazno.png',
      'f,tuna,Tuna,tuna.jpg',
      'f,mango,Mango,mango.png',
      'f,uva,Uva,uva.svg',
      'f,pera,Pera,pera.png',
      'f,lima,Lima,lima.jpg',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'frutas.settings.csv'), 'form_id,version,form_title\nfrutas,1,Frutas\n');
  const media = join(dir, 'frutas-media');
  mkdirSync(media);
  writeFileSync(join(media, 'durazno.png'), PNG);
  writeFileSync(join(media, 'tuna.jpg'), JPEG);
  writeFileSync(
    join(media, 'uva.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
  );
  // A JPEG named .png, and one past the size limit: neither is installed.
  writeFileSync(join(media, 'pera.png'), JPEG);
  writeFileSync(join(media, 'lima.jpg'), bigJpeg(MAX_FORM_MEDIA_BYTES + 1));
  // The label image sits beside the form rather than in frutas-media/.
  writeFileSync(join(dir, 'logo.png'), PNG);
}

describe('form media', () => {
  let forms: ReturnType<typeof makeTempDir>;
  let data: ReturnType<typeof makeTempDir>;
  let renderer: ReturnType<typeof makeTempDir>;
  let core: KioskCore;
  let web: WebKiosk;

  beforeAll(async () => {
    forms = makeTempDir();
    data = makeTempDir();
    renderer = makeTempDir();
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Quiosco</title>');
    writeForm(forms.path);
    await initTestKiosk(data.path, { formsDir: forms.path });
    // What the kiosk serves is its own copy: the form's folder may go away.
    forms.remove();
    core = openKioskCore({ dataDir: data.path });
    web = await startWebKiosk({ core, port: 0, rendererDir: renderer.path, dataDir: data.path });
  });
  afterAll(async () => {
    await web?.close();
    core?.close();
    data.remove();
    renderer.remove();
  });

  it('finds what a form names, beside it or in NAME-media/, and says why the rest is left out', () => {
    const dir = makeTempDir();
    try {
      writeForm(dir.path);
      const loaded = loadForm({
        survey: join(dir.path, 'frutas.survey.csv'),
        choices: join(dir.path, 'frutas.choices.csv'),
        settings: join(dir.path, 'frutas.settings.csv'),
      });
      expect(loaded.media.files.map((f) => f.name)).toEqual(['durazno.png', 'logo.png', 'tuna.jpg']);
      expect(loaded.media.notes).toEqual([
        'media file "lima.jpg" is not installed: 2097153 bytes is larger than the 2097152 allowed',
        'media file "mango.png" is not in frutas-media/ or beside the form: the label is shown instead',
        'media file "pera.png" is not installed: not a PNG image',
        'media file "uva.svg" is not installed: only PNG and JPEG images with a plain file name are',
      ]);
      expect(findFormMedia(dir.path, 'otro', loaded.definition).files.map((f) => f.name)).toEqual([
        'logo.png',
      ]);
    } finally {
      dir.remove();
    }
  });

  it('installs only the checked files into the kiosk', () => {
    expect(readdirSync(versionMediaDir(data.path, 'frutas', '1')).sort()).toEqual([
      'durazno.png',
      'logo.png',
      'tuna.jpg',
    ]);
  });

  it('serves an installed image with its type from the allow-list', async () => {
    const png = await fetch(new URL('form-media/frutas/durazno.png?version=1', web.url));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(png.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await png.arrayBuffer()).equals(PNG)).toBe(true);
    const jpeg = await fetch(new URL('form-media/frutas/tuna.jpg?version=1', web.url));
    expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await jpeg.arrayBuffer()).equals(JPEG)).toBe(true);
    expect(appAnswer('/form-media/frutas/tuna.jpg?version=1')).toEqual([
      200,
      { type: 'image/jpeg', bytes: JPEG },
    ]);
  });

  it('refuses a name that is not one plain segment, and answers 404 for what this version lacks, reading nothing outside', async () => {
    writeFileSync(join(data.path, 'secret.png'), PNG);
    const invalid = (message: string) => [400, { ok: false, error: { code: 'invalid_input', message } }];
    const notFound = (message: string) => [404, { ok: false, error: { code: 'not_found', message } }];
    const badFile = invalid('form image: ✖ not a PNG or JPEG file name\n  → at file');
    for (const [path, expected] of [
      ['/form-media/frutas/..%2F..%2Fsecret.png?version=1', badFile],
      ['/form-media/frutas/%2E%2E%2Fsecret.png?version=1', badFile],
      [
        '/form-media/..%2Fsecret.png/durazno.png?version=1',
        invalid('form image: ✖ not a valid XLSForm name\n  → at formId'),
      ],
      ['/form-media/frutas/.hidden.png?version=1', badFile],
      ['/form-media/frutas/uva.svg?version=1', badFile],
      ['/form-media/frutas/durazno.png%00.txt?version=1', badFile],
      // Without a version a screen would get whichever version's picture: refused.
      [
        '/form-media/frutas/durazno.png',
        invalid('form image: ✖ Invalid input: expected string, received undefined\n  → at version'),
      ],
      [
        '/form-media/frutas/durazno.png?version=1&version=2',
        invalid('form image: ✖ Invalid input: expected string, received array\n  → at version'),
      ],
      [
        '/form-media/frutas/durazno.png?version=9',
        notFound('no image "durazno.png" in form frutas version "9"'),
      ],
      // A version is free text: it names a folder only through its hash, so `..` leads nowhere.
      [
        '/form-media/frutas/durazno.png?version=..%2F..%2F..',
        notFound('no image "durazno.png" in form frutas version "../../.."'),
      ],
      ['/form-media/frutas/mango.png?version=1', notFound('no image "mango.png" in form frutas version "1"')],
      ['/form-media/otra/durazno.png?version=1', notFound('no image "durazno.png" in form otra version "1"')],
    ] as const) {
      const response = await raw(path);
      expect([path, response.status, JSON.parse(response.body)]).toEqual([path, ...expected]);
      // Electron's app:// handler answers the same request the same way.
      expect([path, ...appAnswer(path)]).toEqual([path, ...expected]);
    }
    // Unescaped, the `..` segments match no route at all, and app:// leaves them to the renderer's files.
    expect(await raw('/form-media/frutas/../../secret.png?version=1')).toEqual({
      status: 404,
      body: 'Not found',
    });
    expect(formImageAskedBy(new URL('app://kiosk/form-media/frutas/../../secret.png?version=1'))).toBe(
      undefined,
    );
    expect(existsSync(join(data.path, 'secret.png'))).toBe(true);
  });

  /** What Electron's app:// handler answers for the same path: its status and result. */
  function appAnswer(path: string): [number, unknown] {
    const asked = formImageAskedBy(new URL(`app://kiosk${path}`));
    if (asked === undefined) throw new Error(`${path} is not a form image request for app://`);
    const image = formImage(data.path, asked);
    return image.ok ? [200, image.value] : [HTTP_STATUS[image.error.code], image];
  }

  /** A request exactly as written: fetch would resolve the `..` itself. */
  function raw(path: string): Promise<{ status: number; body: string }> {
    const url = new URL(web.url);
    return new Promise((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }
});
