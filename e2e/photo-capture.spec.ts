// Photos in field records, in real Chromium against a real web kiosk: the photo worker applies EXIF
// orientation, drops EXIF and GPS and scales to the question's size; the photo question takes a
// photo from a fake webcam (retake, then keep) and saves it through attachment:save, which writes
// media/<sha256>.jpg; without a camera it says so and a file still works.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { pngToY4m } from './camera/y4m';
import { exifSegment, ffmpeg, markersBeforeScan, withSegment } from './photo/jpeg-fixtures';
import { PHOTO_PAGE, startPhotoPageServer, type PhotoPageServer } from './photo/photo-page-server';
import { expectAccessible } from './support/fixtures';
import { callKiosk, STAFF_PIN, startKiosk, type RunningKiosk } from './support/kiosk-process';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking'];
const ResizedSchema = z.object({
  base64: z.string(),
  width: z.number(),
  height: z.number(),
  bytes: z.number(),
});
type Resized = z.infer<typeof ResizedSchema>;

/** Runs `window.photoTest.<call>` in the page (this file is type-checked without the DOM). */
async function photoTest<T>(page: Page, call: string, args: unknown[], schema: z.ZodType<T>): Promise<T> {
  const list = args.map((arg) => JSON.stringify(arg)).join(', ');
  return schema.parse(await page.evaluate(`window.photoTest.${call}(${list})`));
}
const unlock = (page: Page) => photoTest(page, 'unlock', [STAFF_PIN], z.undefined());

let kiosk: RunningKiosk;
let server: PhotoPageServer;
let work: string;
/** 640×480, red left half, blue right half. */
let halves: Buffer;
/** 4000×3000 test pattern. */
let large: string;

test.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-photo-'));
  const halvesFile = path.join(work, 'halves.jpg');
  large = path.join(work, 'large.jpg');
  await Promise.all([
    ffmpeg(
      [
        '-f',
        'lavfi',
        '-i',
        'color=red:s=640x480',
        '-vf',
        'drawbox=x=320:y=0:w=320:h=480:color=blue:t=fill',
      ].concat(['-frames:v', '1', halvesFile]),
    ),
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=4000x3000', '-frames:v', '1', '-q:v', '4', large]),
  ]);
  halves = readFileSync(halvesFile);
  kiosk = await startKiosk();
  server = await startPhotoPageServer(kiosk.url);
});

test.afterAll(async () => {
  await server?.close();
  await kiosk?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** What the kiosk's CSP blocked on any page in this test: must be nothing. */
let blocked: string[] = [];
test.beforeEach(() => {
  blocked = [];
});
test.afterEach(() => expect(blocked).toEqual([]));

function watchPolicy(page: Page): void {
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) blocked.push(message.text());
  });
}

async function openPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage();
  watchPolicy(page);
  await page.goto(server.origin + PHOTO_PAGE);
  await unlock(page);
  return page;
}

const resize = (page: Page, jpeg: Buffer, maxPixels: number): Promise<Resized> =>
  photoTest(page, 'resize', [jpeg.toString('base64'), maxPixels], ResizedSchema);

test('the photo worker turns the photo upright and keeps no EXIF or GPS', async ({ browser }) => {
  const page = await openPage(browser);
  const tagged = withSegment(halves, exifSegment(6));
  expect(tagged.includes('Exif\0\0')).toBe(true);

  const out = await resize(page, tagged, 2048);
  // Orientation 6: the stored 640×480 is shown turned a quarter clockwise, its left (red) on top.
  expect([out.width, out.height]).toEqual([480, 640]);
  const [top, bottom] = await photoTest(
    page,
    'sample',
    [
      out.base64,
      [
        [0.5, 0.1],
        [0.5, 0.9],
      ],
    ],
    z.array(z.array(z.number())),
  );
  expect(top?.[0]).toBeGreaterThan(200);
  expect(top?.[2]).toBeLessThan(60);
  expect(bottom?.[2]).toBeGreaterThan(200);
  expect(bottom?.[0]).toBeLessThan(60);

  const bytes = Buffer.from(out.base64, 'base64');
  expect(bytes.length).toBe(out.bytes);
  expect(markersBeforeScan(bytes)).not.toContain(0xffe1);
  expect(bytes.includes('Exif\0\0')).toBe(false);
  expect(bytes.includes('MM\0*')).toBe(false);
  // The same photo without the EXIF block stays as it was stored.
  const plain = await resize(page, halves, 2048);
  expect([plain.width, plain.height]).toEqual([640, 480]);
});

test('a 4000×3000 photo comes out at 2048×1536, or at the question’s max-pixels', async ({ browser }) => {
  const page = await openPage(browser);
  const jpeg = readFileSync(large);
  const out = await resize(page, jpeg, 2048);
  expect([out.width, out.height]).toEqual([2048, 1536]);
  expect(Buffer.from(out.base64, 'base64').subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
  const small = await resize(page, jpeg, 1024);
  expect([small.width, small.height]).toEqual([1024, 768]);
  const notEnlarged = await resize(page, halves, 4096);
  expect([notEnlarged.width, notEnlarged.height]).toEqual([640, 480]);
});

/** The stored file named `name` holds exactly the bytes whose SHA-256 the name is. */
function expectStored(name: string): Buffer {
  expect(name).toMatch(/^[0-9a-f]{64}\.jpg$/);
  const bytes = readFileSync(path.join(kiosk.dataDir, 'media', name));
  expect(createHash('sha256').update(bytes).digest('hex') + '.jpg').toBe(name);
  return bytes;
}

test('webcam: preview, shutter, retake, keep; saved by the kiosk; camera released', async () => {
  const png = path.join(work, 'scene.png');
  const video = path.join(work, 'scene.y4m');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=640x480', '-frames:v', '1', png]);
  await pngToY4m(png, video);
  const browser = await chromium.launch({
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    watchPolicy(page);
    // Every camera stream the page opens, to check each is stopped in the end.
    await page.addInitScript(`{
      const streams = [];
      const open = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = async (constraints) => {
        const stream = await open(constraints);
        streams.push(stream);
        return stream;
      };
      window.cameraStreams = streams;
    }`);
    await page.goto(server.origin + PHOTO_PAGE);
    await unlock(page);
    const saves: { mime: string; base64: string }[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/attachment:save'))
        saves.push(request.postDataJSON() as { mime: string; base64: string });
    });
    const liveTracks = async () =>
      z
        .number()
        .parse(
          await page.evaluate(
            "window.cameraStreams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length",
          ),
        );

    await page.getByRole('button', { name: 'Tomar foto con la cámara' }).click();
    const camera = page.locator('.photo-camera[data-camera="on"] video');
    await expect(camera).toBeVisible();
    await expect
      .poll(() => page.evaluate("document.querySelector('.photo-camera video').videoWidth"))
      .toBe(640);
    const shutter = page.getByRole('button', { name: 'Tomar la foto' });
    await expect(shutter).toBeFocused();
    await expectAccessible(page, 'camera');
    await shutter.click();
    const review = page.getByRole('img', { name: 'La foto por guardar' });
    await expect(review).toBeVisible();
    await expect(page.getByRole('button', { name: 'Usar esta foto' })).toBeFocused();
    expect(await liveTracks()).toBe(0);

    await page.getByRole('button', { name: 'Tomar otra' }).click();
    await expect(camera).toBeVisible();
    await page.getByRole('button', { name: 'Tomar la foto' }).click();
    await expect(review).toBeVisible();
    expect(saves).toEqual([]);
    await page.getByRole('button', { name: 'Usar esta foto' }).click();

    const answer = page.locator('#answer');
    await expect(answer).toHaveText(/^[0-9a-f]{64}\.jpg$/);
    expect(saves).toHaveLength(1);
    expect(saves[0]?.mime).toBe('image/jpeg');
    const sent = Buffer.from(saves[0]?.base64 ?? '', 'base64');
    expect(sent.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(expectStored((await answer.textContent()) ?? '')).toEqual(sent);
    await expect(page.getByRole('img', { name: 'La foto guardada' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Cambiar foto' })).toBeFocused();
    await expect(page.getByRole('status').filter({ hasText: 'Foto guardada.' })).toBeVisible();
    await expectAccessible(page, 'kept photo');
    expect(await liveTracks()).toBe(0);

    await page.getByRole('button', { name: 'Quitar foto' }).click();
    await expect(answer).toHaveText('');
    await expect(page.getByRole('button', { name: 'Tomar foto con la cámara' })).toBeFocused();
  } finally {
    await browser.close();
  }
});

test('without a camera: the reason in words, and a file still makes the photo', async ({ browser }) => {
  const page = await openPage(browser);
  await page.getByRole('button', { name: 'Tomar foto con la cámara' }).click();
  await expect(page.getByRole('alert')).toHaveText(/No se encontró ninguna cámara/);
  const choose = page.getByRole('button', { name: 'Elegir una foto del equipo' });
  await expect(choose).toBeVisible();

  const chooser = page.waitForEvent('filechooser');
  await choose.click();
  await (await chooser).setFiles(large);
  await expect(page.getByRole('img', { name: 'La foto por guardar' })).toHaveAttribute('width', '2048');
  await page.getByRole('button', { name: 'Usar esta foto' }).click();
  const answer = page.locator('#answer');
  await expect(answer).toHaveText(/^[0-9a-f]{64}\.jpg$/);
  expectStored((await answer.textContent()) ?? '');
  await expect(page.getByRole('img', { name: 'La foto guardada' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('');
});

test('thumbnails: a stored photo small through attachment:get, a missing one said in words', async ({
  browser,
}) => {
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  const { name } = await callKiosk(kiosk, 'attachment:save', {
    token,
    mime: 'image/jpeg',
    base64: readFileSync(large).toString('base64'),
  });
  const missing = `${'0'.repeat(64)}.jpg`;
  const page = await openPage(browser);
  await photoTest(page, 'showThumbnails', [[name, missing]], z.undefined());

  const thumbnail = page.getByRole('img', { name: `Miniatura ${name.slice(0, 8)}` });
  await expect(thumbnail).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  const size = z
    .array(z.number())
    .parse(
      await page.evaluate(
        "[...document.querySelectorAll('#thumbnails img')].flatMap((img) => [img.naturalWidth, img.naturalHeight])",
      ),
    );
  expect(size).toEqual([320, 240]);
  await expect(page.locator('#thumbnails')).toContainText('Foto no disponible');
});
