// An audio question in real Chromium against a real web kiosk: staff record from Chromium's fake
// microphone (a beep) with MediaRecorder, play it back, keep it and finish the field record; the
// saved revision names a WebM file in media/ whose bytes hash to its name and are a whole WebM.
import { chromium, type Browser } from '@playwright/test';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkMedia } from '../shared/sync/media-header';
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
test.setTimeout(120_000);

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

test('staff record a spoken testimony from the microphone, keep it and finish the record', async ({
  kiosk,
}) => {
  const page = await (
    await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } })
  ).newPage();
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await tapKeypad(page, STAFF_PIN);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByRole('button', { name: 'Abrir registros de campo' }).click();
  await page.getByRole('button', { name: 'Nuevo: Testimonios orales' }).click();

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
  await expect.poll(() => player.evaluate((audio: HTMLAudioElement) => audio.readyState)).toBeGreaterThan(0);
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
  const name = record?.answers.testimonio;
  expect(name).toMatch(/^[0-9a-f]{64}\.weba$/);
  const bytes = readFileSync(path.join(kiosk.dataDir, 'media', String(name)));
  expect(`${createHash('sha256').update(bytes).digest('hex')}.weba`).toBe(name);
  expect(checkMedia(bytes, 'webm')).toBeUndefined();
  expect(record?.answers.practica).toBe('Leyenda del cerro de las Navajas');
});
