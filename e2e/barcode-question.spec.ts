// The barcode question in real Chromium against a real web kiosk. Chromium's fake webcam plays a
// QR code held up badly (small, turned, blurred, grainy, after frames without it: handHeldY4m) and
// the exact text it holds becomes the answer, shown on the review and saved in the kiosk's SQLite.
// Also: read again, the camera turned off before it reads, all by keyboard, axe clean, and a
// machine with no camera or one refused to the page, where the visitor types the code on the
// on-screen keyboard. 1-D codes too (a Code 128 and an EAN-13, held up as badly), which the door's
// own camera does not read (scan-formats.ts).
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import QRCode from 'qrcode';
import { barcodePng } from './camera/barcode-png';
import { launchWithCamera, type FakeCamera } from './camera/fake-camera-browser';
import { handHeldY4m, pngToY4m } from './camera/y4m';
import { ffmpeg } from './photo/jpeg-fixtures';
import { expect, expectAccessible, storedSubmissions, testOnForms } from './support/fixtures';
import type { RunningKiosk } from './support/kiosk-process';
import { expectQuestion, next, tapKeyboard } from './support/kiosk-page';

const QUESTION = 'Código del boleto';
const CODE = 'https://feria.example.mx/b/FOLIO-2026-0042?lote=7';
const HOLD = 'Acerque el código a la cámara.';
const NO_CAMERA = 'La cámara no está disponible. Escriba el código o use el lector.';
/** Starting the camera loads the decoder's wasm into a worker: slow on a loaded 2-core machine. */
const CAMERA_TIMEOUT = 30_000;

let work: string;
let codeVideo: string;
let blankVideo: string;

/** Codes on products and IDs, each drawn 40 % of the frame wide (bars alone), turned a little. */
type LinearCode = { name: string; format: Parameters<typeof barcodePng>[1]; text: string; degrees: number };
const LINEAR_CODES: LinearCode[] = [
  { name: 'a Code 128', format: 'Code128', text: 'LOTE-7731', degrees: 4 },
  { name: 'an EAN-13', format: 'EAN13', text: '7501055300846', degrees: -3 },
];
const linearVideos = new Map<string, string>();

const test = testOnForms(() => work);

test.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-barcode-'));
  const form = {
    'lectura.survey.csv': `type,name,label,required\nbarcode,boleto,${QUESTION},yes\n`,
    'lectura.settings.csv': 'form_id,version,form_title\nlectura,1,Lectura de boletos\n',
  };
  for (const [name, text] of Object.entries(form)) writeFileSync(path.join(work, name), text);
  const qr = path.join(work, 'qr.png');
  await QRCode.toFile(qr, CODE, { errorCorrectionLevel: 'M', margin: 4, width: 400 });
  codeVideo = path.join(work, 'qr.y4m');
  // 170 px for a 33-module code: about 4 px a module before the blur.
  await handHeldY4m(qr, codeVideo, { width: 170, degrees: 8, blur: 1.2, grain: 18, emptyFirst: 1.5 });
  for (const code of LINEAR_CODES) {
    const png = path.join(work, `${code.format}.png`);
    const width = await barcodePng(code.text, code.format, png, 0.4 * 640);
    const video = path.join(work, `${code.format}.y4m`);
    // Blur and grain as the QR's: about 2 px a module (a Code 128 of 123 modules) before the blur.
    await handHeldY4m(png, video, { width, degrees: code.degrees, blur: 1.2, grain: 18, emptyFirst: 1.5 });
    linearVideos.set(code.format, video);
  }
  const blank = path.join(work, 'blank.png');
  await ffmpeg(['-f', 'lavfi', '-i', 'color=white:s=400x400', '-frames:v', '1', blank]);
  blankVideo = path.join(work, 'blank.y4m');
  await pngToY4m(blank, blankVideo);
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A page of a browser with `camera`, on the question; the browser closes after `body`. */
async function onQuestion(kiosk: RunningKiosk, camera: FakeCamera, body: (page: Page) => Promise<void>) {
  const browser = await launchWithCamera(camera);
  try {
    const page = await (await browser.newContext({ locale: 'es-MX' })).newPage();
    await page.goto(kiosk.url);
    // One language: the form opens without the language screen.
    await page.getByRole('button', { name: /Lectura de boletos/ }).click();
    await expectQuestion(page, QUESTION);
    // A tap within the new page's first moments is taken for a double tap's and dropped (tap-guard.ts).
    await expect(page.locator('#root')).not.toHaveAttribute('aria-disabled', 'true');
    await body(page);
  } finally {
    await browser.close();
  }
}

const field = (page: Page) => page.getByRole('textbox', { name: QUESTION });
const scanButton = (page: Page) => page.getByRole('button', { name: 'Leer con la cámara' });
const status = (page: Page) => page.locator('.question [role="status"]');
const preview = (page: Page) => page.locator('video.barcode-video');

/** On to the review, which shows `code`, then Enviar: the kiosk saved exactly `code`. */
async function submitAndCheck(page: Page, kiosk: RunningKiosk, code: string): Promise<void> {
  await next(page);
  await expect(page.getByRole('heading', { level: 2, name: 'Revise sus respuestas' })).toBeVisible();
  const row = page.getByRole('listitem').filter({ has: page.getByText(QUESTION, { exact: true }) });
  await expect(row).toContainText(code);
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();
  const [saved, ...rest] = storedSubmissions(kiosk);
  expect(rest).toEqual([]);
  expect(saved).toMatchObject({ form_id: 'lectura', complete: 1 });
  expect(saved?.answers).toEqual({ boleto: code });
}

test('a small, turned, blurred QR after empty frames is read, read again, and saved: by keyboard', async ({
  kiosk,
}) => {
  await onQuestion(kiosk, { video: codeVideo }, async (page) => {
    await expect(field(page)).toBeFocused();
    await page.keyboard.press('Shift+Tab');
    await expect(scanButton(page)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(field(page)).toHaveValue(CODE, { timeout: CAMERA_TIMEOUT });
    // One read turns the camera off; the focus is still where the keyboard user left it.
    await expect(preview(page)).toBeHidden();
    await expect(status(page)).toHaveText('');
    await expect(scanButton(page)).toBeFocused();

    // Emptied, then read again.
    await page.keyboard.press('Tab');
    await expect(field(page)).toBeFocused();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await expect(field(page)).toHaveValue('');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect(field(page)).toHaveValue(CODE, { timeout: CAMERA_TIMEOUT });
    await expect(scanButton(page)).toBeFocused();
    await submitAndCheck(page, kiosk, CODE);
  });
});

for (const code of LINEAR_CODES) {
  test(`${code.name} held up turned, blurred and grainy is read exactly and saved`, async ({ kiosk }) => {
    const video = linearVideos.get(code.format);
    if (!video) throw new Error(`no video for ${code.name}`);
    await onQuestion(kiosk, { video }, async (page) => {
      await scanButton(page).click();
      await expect(field(page)).toHaveValue(code.text, { timeout: CAMERA_TIMEOUT });
      await expect(preview(page)).toBeHidden();
      await submitAndCheck(page, kiosk, code.text);
    });
  });
}

test('turned off before it reads: the typed code stays, the camera is let go; axe clean on and off', async ({
  kiosk,
}) => {
  // A blank card: the camera shows, and nothing is ever read.
  await onQuestion(kiosk, { video: blankVideo }, async (page) => {
    // A USB scanner types into the focused field, as the physical keyboard does.
    await page.keyboard.type('TAQ-0042');
    await expect(field(page)).toHaveValue('TAQ-0042');
    await expectAccessible(page, 'barcode question');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const stop = page.getByRole('button', { name: 'Apagar la cámara' });
    await expect(stop).toBeFocused({ timeout: CAMERA_TIMEOUT });
    await expect(status(page)).toHaveText(HOLD);
    await expect(preview(page)).toBeVisible();
    await expectAccessible(page, 'barcode question, camera on');

    await page.keyboard.press('Enter');
    await expect(scanButton(page)).toBeFocused();
    await expect(preview(page)).toBeHidden();
    await expect(status(page)).toHaveText('');
    // Its stream let go with it (door-camera.ts stops the tracks and clears the preview).
    expect(await preview(page).evaluate((video) => Reflect.get(video, 'srcObject'))).toBeNull();
    await expect(field(page)).toHaveValue('TAQ-0042');
    await submitAndCheck(page, kiosk, 'TAQ-0042');
  });
});

const WITHOUT_CAMERA: [string, () => FakeCamera][] = [
  ['no camera at all', () => 'none'],
  ['the camera refused to the page', () => ({ video: codeVideo, denied: true })],
];
for (const [what, camera] of WITHOUT_CAMERA) {
  test(`${what}: the visitor is told so and types the code on the on-screen keyboard`, async ({ kiosk }) => {
    await onQuestion(kiosk, camera(), async (page) => {
      await scanButton(page).click();
      await expect(status(page)).toHaveText(NO_CAMERA, { timeout: CAMERA_TIMEOUT });
      await expect(preview(page)).toBeHidden();
      await expect(scanButton(page)).toBeFocused();
      await expectAccessible(page, `barcode question, ${what}`);
      await field(page).click();
      await tapKeyboard(page, 'folio-2026-7');
      await expect(field(page)).toHaveValue('folio-2026-7');
      await submitAndCheck(page, kiosk, 'folio-2026-7');
    });
  });
}
