// Drawing on image questions, in real Chromium against a real web kiosk: the signature pad takes a
// stroke from the mouse (pointer events) and keeps it as a PNG through attachment:save, which
// writes media/<sha256>.png; annotate draws over a chosen image or a (fake) camera photo.
import { chromium, expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ffmpeg } from './photo/jpeg-fixtures';
import { PHOTO_PAGE } from './photo/photo-page-server';
import { startPhotoStack, type PhotoStack } from './photo/photo-stack';
import { expectAccessible } from './support/fixtures';
import { STAFF_PIN } from './support/kiosk-process';

let stack: PhotoStack;
test.beforeAll(async () => {
  stack = await startPhotoStack('media');
});
test.afterAll(() => stack?.stop());

async function openPage(page: Page, appearance: string): Promise<{ mime: string }[]> {
  await page.goto(`${stack.server.origin}${PHOTO_PAGE}?appearance=${appearance}`);
  await page.evaluate(`window.photoTest.unlock(${JSON.stringify(STAFF_PIN)})`);
  const saves: { mime: string }[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/attachment:save'))
      saves.push(request.postDataJSON() as { mime: string });
  });
  return saves;
}

/** The stored PNG named `name`: its bytes hash to its name. */
function storedPng(name: string): Buffer {
  expect(name).toMatch(/^[0-9a-f]{64}\.png$/);
  const bytes = readFileSync(path.join(stack.kiosk.dataDir, 'media', name));
  expect(createHash('sha256').update(bytes).digest('hex') + '.png').toBe(name);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return bytes;
}

/** RGB at each point (fractions of width and height) of a stored image, decoded in the page. */
const sample = async (page: Page, bytes: Buffer, points: [number, number][]) =>
  z
    .array(z.array(z.number()))
    .parse(
      await page.evaluate(
        `window.photoTest.sample(${JSON.stringify(bytes.toString('base64'))}, ${JSON.stringify(points)})`,
      ),
    );

/** A horizontal stroke across the middle of the pad, from 20 % to 80 % of its width. */
async function strokeAcross(page: Page, pad: ReturnType<Page['getByRole']>): Promise<void> {
  const box = await pad.boundingBox();
  if (!box) throw new Error('the pad is not on screen');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.8, y, { steps: 12 });
  await page.mouse.up();
}

test('signature: a mouse stroke on the pad is saved as a PNG by the kiosk', async ({ page }) => {
  const saves = await openPage(page, 'signature');
  const pad = page.getByRole('img', { name: 'Área para firmar' });
  await expect(pad).toBeVisible();
  await expect(pad).toHaveAccessibleDescription(/con el teclado no se puede dibujar/);
  await expect(page.getByRole('button', { name: 'Guardar firma' })).toBeVisible();
  await expectAccessible(page, 'signature pad');

  await page.getByRole('button', { name: 'Guardar firma' }).click();
  await expect(page.getByRole('alert')).toHaveText('Todavía no hay nada dibujado.');
  expect(saves).toEqual([]);

  await strokeAcross(page, pad);
  await page.getByRole('button', { name: 'Borrar' }).click();
  await page.getByRole('button', { name: 'Guardar firma' }).click();
  await expect(page.getByRole('alert')).toHaveText('Todavía no hay nada dibujado.');

  await strokeAcross(page, pad);
  await expect(page.getByRole('alert')).toHaveText('');
  await page.getByRole('button', { name: 'Guardar firma' }).click();
  const answer = page.locator('#answer');
  await expect(answer).toHaveText(/^[0-9a-f]{64}\.png$/);
  expect(saves.map((save) => save.mime)).toEqual(['image/png']);
  const png = storedPng((await answer.textContent()) ?? '');
  const [stroke, corner, cleared] = await sample(page, png, [
    [0.5, 0.5],
    [0.05, 0.05],
    [0.5, 0.2],
  ]);
  expect(Math.max(...(stroke ?? []))).toBeLessThan(80);
  expect(Math.min(...(corner ?? []))).toBeGreaterThan(240);
  expect(Math.min(...(cleared ?? []))).toBeGreaterThan(240);

  await expect(page.getByRole('img', { name: 'El dibujo guardado' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Dibujar de nuevo' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Dibujo guardado.' })).toBeVisible();
  await page.getByRole('button', { name: 'Quitar dibujo' }).click();
  await expect(answer).toHaveText('');
  await expect(pad).toBeVisible();
});

test('annotate: a stroke over a chosen image keeps the image under it', async ({ page }) => {
  const blue = path.join(stack.work, 'blue.jpg');
  await ffmpeg(['-f', 'lavfi', '-i', 'color=blue:s=800x600', '-frames:v', '1', blue]);
  await openPage(page, 'annotate');
  await expect(page.getByRole('img', { name: 'La imagen para marcar' })).toHaveCount(0);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Elegir una imagen para marcar' }).click();
  await (await chooser).setFiles(blue);
  const pad = page.getByRole('img', { name: 'La imagen para marcar' });
  await expect(pad).toHaveAttribute('width', '800');
  await strokeAcross(page, pad);
  await page.getByRole('button', { name: 'Guardar dibujo' }).click();
  const answer = page.locator('#answer');
  await expect(answer).toHaveText(/^[0-9a-f]{64}\.png$/);
  const [stroke, image] = await sample(page, storedPng((await answer.textContent()) ?? ''), [
    [0.5, 0.5],
    [0.5, 0.1],
  ]);
  // The pen is red over an image; the image stays blue where nothing was drawn.
  expect(stroke?.[0]).toBeGreaterThan(180);
  expect(stroke?.[2]).toBeLessThan(80);
  expect(image?.[2]).toBeGreaterThan(200);
  expect(image?.[0]).toBeLessThan(60);
});

test('annotate: a stroke over a camera photo (fake webcam) is saved', async () => {
  const browser = await chromium.launch({
    args: ['--no-sandbox', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  try {
    const page = await browser.newPage();
    await openPage(page, 'annotate');
    await page.getByRole('button', { name: 'Tomar foto con la cámara' }).click();
    await expect(page.locator('.photo-camera[data-camera="on"]')).toBeVisible();
    await page.getByRole('button', { name: 'Tomar la foto' }).click();
    const pad = page.getByRole('img', { name: 'La imagen para marcar' });
    await expect(pad).toBeVisible();
    await expect(page.locator('.photo-camera')).toHaveCount(0);
    await strokeAcross(page, pad);
    await page.getByRole('button', { name: 'Guardar dibujo' }).click();
    const answer = page.locator('#answer');
    await expect(answer).toHaveText(/^[0-9a-f]{64}\.png$/);
    storedPng((await answer.textContent()) ?? '');
  } finally {
    await browser.close();
  }
});
