// Audio, video and file questions in real Chromium against a real web kiosk: staff record from
// Chromium's fake microphone (a beep) and camera with MediaRecorder, play back, keep and finish
// the field record; a chosen file is refused by its bytes or by body::accept, or kept. The saved
// revision names files in media/ whose bytes hash to their names and are whole of their type.
import { chromium, type Browser, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkMedia } from '../shared/sync/media-header';
import { HAND_MADE_PDF, WINDOWS_PROGRAM } from '../shared/sync/node/media-fixtures';
import { expect, expectAccessible, storedSubmissions, test as base } from './support/fixtures';
import { expectQuestion, next, tapKeypad } from './support/kiosk-page';
import { makeKioskData, startKiosk, STAFF_PIN, type RunningKiosk } from './support/kiosk-process';

const FORM = {
  'testimonios.survey.csv': [
    'type,name,label::es,label::en,required',
    'text,practica,Nombre de la práctica,Name of the practice,yes',
    'audio,testimonio,Testimonio grabado,Recorded testimony,yes',
  ].join('\n'),
  'testimonios.choices.csv': 'list_name,name,label::es,label::en\n',
  'testimonios.settings.csv':
    'form_id,version,form_title::es,form_title::en,default_language,kind\ntestimonios,1,Testimonios orales,Oral testimonies,es,heritage\n',
  'danzas.survey.csv': [
    'type,name,label::es,label::en,required,body::accept',
    'video,video_danza,Video de la danza,Video of the dance,yes,',
    'file,acta,Acta de la comunidad,Community record,yes,".pdf,.txt"',
  ].join('\n'),
  'danzas.choices.csv': 'list_name,name,label::es,label::en\n',
  'danzas.settings.csv':
    'form_id,version,form_title::es,form_title::en,default_language,kind\ndanzas,1,Danzas,Dances,es,heritage\n',
};

let work: string;
let browser: Browser;

const test = base.extend<{ kiosk: RunningKiosk }>({
  kiosk: async ({}, use) => {
    const kiosk = await startKiosk(makeKioskData(work));
    await use(kiosk);
    await kiosk.stop();
  },
});
// Recording real audio and video through the fake devices takes longer than most specs.
test.slow(true, 'records audio and video in real time');

test.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'quiosco-audio-e2e-'));
  for (const [name, text] of Object.entries(FORM)) writeFileSync(path.join(work, name), text);
  browser = await chromium.launch({
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

async function openFieldForm(page: Page, url: string, title: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await tapKeypad(page, STAFF_PIN);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByRole('button', { name: 'Abrir registros de campo' }).click();
  await page.getByRole('button', { name: `Nuevo: ${title}` }).click();
}

/** The stored attachment named `name`: its bytes hash to its name. */
function stored(kiosk: RunningKiosk, name: unknown, extension: string): Buffer {
  expect(name).toMatch(new RegExp(`^[0-9a-f]{64}\\.${extension}$`));
  const bytes = readFileSync(path.join(kiosk.dataDir, 'media', String(name)));
  expect(`${createHash('sha256').update(bytes).digest('hex')}.${extension}`).toBe(name);
  return bytes;
}

test('staff record a spoken testimony from the microphone, keep it and finish the record', async ({
  kiosk,
}) => {
  const page = await (
    await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } })
  ).newPage();
  await openFieldForm(page, kiosk.url, 'Testimonios orales');

  await expectQuestion(page, 'Nombre de la práctica');
  await page.keyboard.type('Leyenda del cerro de las Navajas');
  await next(page);

  await expectQuestion(page, 'Testimonio grabado');
  await expectAccessible(page, 'audio question');
  await page.getByRole('button', { name: 'Grabar con el micrófono' }).click();
  // Wait on the recorder's own clock, not a sleep: past one second of sound, then stop.
  await expect(page.getByRole('status').filter({ hasText: /Grabando… 0:0[1-9]/ })).toBeVisible();
  await page.getByRole('button', { name: 'Detener' }).click();
  const player = page.getByLabel('La grabación');
  await expect(player).toBeVisible();
  // The take plays back: the player knows its length once the recording's metadata loads.
  await expect
    .poll(() => player.evaluate((audio) => (audio as unknown as { readyState: number }).readyState))
    .toBeGreaterThan(0);
  await expectAccessible(page, 'recording review');
  await page.getByRole('button', { name: 'Guardar grabación' }).click();
  await expect(page.getByText('Grabación guardada.')).toBeVisible();
  await expect(page.locator('.media-kept')).toHaveAttribute('data-attachment', /^[0-9a-f]{64}\.weba$/);
  await next(page);

  await expect(page.getByRole('heading', { name: 'Revise el registro' })).toBeVisible();
  await expect(page.getByText('Archivo guardado (WEBA).')).toBeVisible();
  await page.getByRole('button', { name: 'Terminar y guardar' }).click();
  await expect(page.getByText('Registro guardado (revisión 1).')).toBeVisible();

  const [record] = storedSubmissions(kiosk).filter((s) => s.form_id === 'testimonios');
  expect(checkMedia(stored(kiosk, record?.answers.testimonio, 'weba'), 'webm')).toBeUndefined();
  expect(record?.answers.practica).toBe('Leyenda del cerro de las Navajas');
});

test('staff record a video from the camera; a program offered as the file is refused, a PDF kept', async ({
  kiosk,
}) => {
  const page = await (
    await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } })
  ).newPage();
  await openFieldForm(page, kiosk.url, 'Danzas');

  await expectQuestion(page, 'Video de la danza');
  await page.getByRole('button', { name: 'Grabar video con la cámara' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Grabando… 0:0[1-9]/ })).toBeVisible();
  await page.getByRole('button', { name: 'Detener' }).click();
  await expect(page.getByLabel('El video')).toBeVisible();
  await page.getByRole('button', { name: 'Guardar video' }).click();
  await expect(page.getByText('Video guardado.')).toBeVisible();
  await next(page);

  await expectQuestion(page, 'Acta de la comunidad');
  const input = page.locator('input[type=file]');
  await expect(input).toHaveAttribute('accept', '.pdf,.txt');
  // A Windows program renamed to look like a PDF: refused by its bytes, nothing saved.
  const saves: string[] = [];
  page.on('request', (r) => r.url().endsWith('/api/attachment:save') && saves.push(r.url()));
  await input.setInputFiles({ name: 'acta.pdf', mimeType: 'application/pdf', buffer: WINDOWS_PROGRAM });
  await expect(page.getByRole('alert')).toHaveText(
    'El quiosco no acepta ese tipo de archivo: solo PDF, texto, CSV, fotos JPEG o PNG, audio y video.',
  );
  // A CSV is an allowed type, but not one this question's body::accept lists.
  await input.setInputFiles({ name: 'lista.csv', mimeType: 'text/csv', buffer: Buffer.from('a,b\n1,2\n') });
  await expect(page.getByRole('alert')).toHaveText(
    'Esta pregunta no acepta ese tipo de archivo (acepta: .pdf,.txt).',
  );
  expect(saves).toEqual([]);
  await input.setInputFiles({ name: 'acta.pdf', mimeType: 'application/pdf', buffer: HAND_MADE_PDF });
  await expect(page.getByText('acta.pdf')).toBeVisible();
  await page.getByRole('button', { name: 'Guardar archivo' }).click();
  await expect(page.getByText('Archivo guardado.')).toBeVisible();
  await next(page);

  await expect(page.getByRole('heading', { name: 'Revise el registro' })).toBeVisible();
  await page.getByRole('button', { name: 'Terminar y guardar' }).click();
  await expect(page.getByText('Registro guardado (revisión 1).')).toBeVisible();
  const [record] = storedSubmissions(kiosk).filter((s) => s.form_id === 'danzas');
  expect(checkMedia(stored(kiosk, record?.answers.video_danza, 'webm'), 'webm')).toBeUndefined();
  expect(stored(kiosk, record?.answers.acta, 'pdf')).toEqual(HAND_MADE_PDF);
});
