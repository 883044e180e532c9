// Field records in real Chromium against a real web kiosk with the demo forms: staff fill in the
// heritage record (three ingredients added, one edited, one deleted, two reordered; two photos from
// a fake webcam with captions), reload mid-form and resume the draft, finish it as revision 1, then
// edit it into revision 2. The public attract screen never offers the form; axe on every screen.
import { chromium, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pngToY4m } from './camera/y4m';
import { ffmpeg } from './photo/jpeg-fixtures';
import { expect, expectAccessible, test } from './support/fixtures';
import { answerChoice, expectQuestion, next, tapKeypad } from './support/kiosk-page';
import { STAFF_PIN } from './support/kiosk-process';

const HERITAGE = /Ficha de patrimonio cultural inmaterial/;

let work: string;
let browser: Browser;

// One long walk through a real form on a shared two-core machine.
test.setTimeout(240_000);

test.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'quiosco-field-e2e-'));
  const png = path.join(work, 'scene.png');
  const video = path.join(work, 'scene.y4m');
  await ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=s=640x480', '-frames:v', '1', png]);
  await pngToY4m(png, video);
  browser = await chromium.launch({
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
});

test.afterAll(async () => {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
});

async function openFieldRecords(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await tapKeypad(page, STAFF_PIN);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByRole('button', { name: 'Abrir registros de campo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registros de campo' })).toBeVisible();
}

/** Types into the page's text field (focused on arrival) and goes on. */
async function answerText(page: Page, question: string | RegExp, text: string): Promise<void> {
  await expectQuestion(page, question);
  await page.keyboard.type(text);
  await next(page);
}

async function skip(page: Page, question: string | RegExp): Promise<void> {
  await expectQuestion(page, question);
  await next(page);
}

const entries = (page: Page) => page.locator('.repeat-entry-text');
const entryRow = (page: Page, number: number) =>
  page.getByRole('listitem').filter({ hasText: `Entrada ${number} ·` });

async function addIngredient(page: Page, name: string, origin: string): Promise<void> {
  await page.getByRole('button', { name: 'Agregar entrada' }).click();
  await answerText(page, 'Nombre', name);
  await skip(page, 'Nombre local');
  await expectQuestion(page, '¿Cómo se obtiene?');
  await answerChoice(page, origin);
  await skip(page, '¿En qué temporada?');
  await expectQuestion(page, 'Ingredientes o materiales');
}

async function addPhoto(page: Page, caption: string): Promise<void> {
  await page.getByRole('button', { name: 'Agregar entrada' }).click();
  await expectQuestion(page, /^Foto$/);
  await page.getByRole('button', { name: 'Tomar foto con la cámara' }).click();
  await page.getByRole('button', { name: 'Tomar la foto' }).click();
  await page.getByRole('button', { name: 'Usar esta foto' }).click();
  await expect(page.getByRole('img', { name: 'La foto guardada' })).toBeVisible();
  await next(page);
  await answerText(page, 'Pie de foto', caption);
  await expectQuestion(page, 'Fotografías');
}

test('staff record intangible heritage with repeats and photos, resume after a reload, then edit it', async ({
  kiosk,
}) => {
  const page = await (
    await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } })
  ).newPage();
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: /Bienvenid/ })).toBeVisible();
  await expect(page.getByRole('button', { name: HERITAGE })).toHaveCount(0);

  await openFieldRecords(page);
  await expect(page.getByText('No hay borradores ni registros.')).toBeVisible();
  await expectAccessible(page, 'field records');
  await page.getByRole('button', { name: 'Nuevo: Ficha de patrimonio cultural inmaterial' }).click();

  await expectQuestion(page, /acepta que se registre/);
  await answerChoice(page, 'Sí');
  await expectQuestion(page, /fotografías/);
  await answerChoice(page, 'Sí');
  await expectQuestion(page, /se publiquen/);
  await answerChoice(page, 'Sí');
  await answerText(page, /Nombre de la persona/, 'Doña Rosa Hernández');
  await answerChoice(page, 'Cocinera o cocinero tradicional');
  await answerText(page, 'Comunidad o localidad', 'El Arenal');
  await answerChoice(page, 'Pachuca de Soto');
  await answerChoice(page, 'Hñähñu (otomí)');
  await skip(page, '¿De quién aprendió?');
  await answerChoice(page, 'Cocina tradicional');
  await answerText(page, 'Nombre (en español)', 'Escamoles a la mantequilla');
  await skip(page, 'Nombre en lengua originaria');
  await answerText(page, 'Descripción', 'Larvas de hormiga guisadas con mantequilla, chile y epazote.');
  await skip(page, /En qué ocasiones/);
  await skip(page, 'Utensilios y técnicas');

  // The ingredients' list: three added, the second edited, the first deleted, the rest reordered.
  await expectQuestion(page, 'Ingredientes o materiales');
  await expect(page.getByText('Todavía no hay entradas.')).toBeVisible();
  await expectAccessible(page, 'empty repeat');
  await addIngredient(page, 'Escamoles', 'Recolección');
  await addIngredient(page, 'Mantequilla', 'Compra en la región');
  await addIngredient(page, 'Epazote', 'Cultivo propio');
  await expect(entries(page)).toHaveText([
    'Entrada 1 · Escamoles · Recolección',
    'Entrada 2 · Mantequilla · Compra en la región',
    'Entrada 3 · Epazote · Cultivo propio',
  ]);
  // The step counter counts every entry's pages.
  await expect(page.getByText('Paso 16 de 32')).toBeVisible();

  await entryRow(page, 2).getByRole('button', { name: 'Editar' }).click();
  await expectQuestion(page, 'Nombre');
  await expect(
    page.getByRole('heading', { name: 'Ingredientes o materiales: entrada 2 de 3' }),
  ).toBeVisible();
  await page.keyboard.type(' de rancho');
  await next(page);
  await skip(page, 'Nombre local');
  await skip(page, '¿Cómo se obtiene?');
  await skip(page, '¿En qué temporada?');
  await expectQuestion(page, 'Ingredientes o materiales');

  await entryRow(page, 1).getByRole('button', { name: 'Borrar' }).click();
  const dialog = page.getByRole('alertdialog', { name: '¿Borrar la entrada 1?' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'delete entry');
  await dialog.getByRole('button', { name: 'Sí, borrar' }).click();
  await entryRow(page, 1).getByRole('button', { name: 'Bajar' }).click();
  await expect(entries(page)).toHaveText([
    'Entrada 1 · Epazote · Cultivo propio',
    'Entrada 2 · Mantequilla de rancho · Compra en la región',
  ]);
  await expectAccessible(page, 'repeat list');

  // A reload mid-form: the draft was saved, and opens again where staff were.
  await expect(page.getByRole('status').filter({ hasText: /^Guardado$/ })).toBeVisible();
  await page.reload();
  await openFieldRecords(page);
  const draft = page.getByRole('listitem').filter({ hasText: 'Doña Rosa Hernández' });
  await expect(draft.getByText('Borrador', { exact: true })).toBeVisible();
  await draft.getByRole('button', { name: 'Continuar' }).click();
  await expectQuestion(page, 'Ingredientes o materiales');
  await expect(entries(page)).toHaveText([
    'Entrada 1 · Epazote · Cultivo propio',
    'Entrada 2 · Mantequilla de rancho · Compra en la región',
  ]);

  // Photos from the fake webcam, each with a caption; the list shows their thumbnails.
  await next(page);
  await expectQuestion(page, 'Fotografías');
  await addPhoto(page, 'Escamoles en el comal');
  await addPhoto(page, 'Doña Rosa en su cocina');
  await expect(page.getByRole('img', { name: 'Foto de la entrada 1' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Foto de la entrada 2' })).toBeVisible();
  await expectAccessible(page, 'photos list');
  await next(page);

  await expectQuestion(page, /Qué tan viva/);
  await answerChoice(page, 'Se practica con frecuencia y se transmite');
  await skip(page, 'Amenazas o riesgos');
  await answerText(page, 'Persona que registra', 'Ana Pérez');

  await expect(page.getByRole('heading', { name: 'Revise el registro' })).toBeVisible();
  await expect(page.getByText('Mantequilla de rancho')).toBeVisible();
  await expect(page.getByText('Escamoles en el comal')).toBeVisible();
  await expectAccessible(page, 'review');
  await page.getByRole('button', { name: 'Terminar y guardar' }).click();
  await expect(page.getByText('Registro guardado (revisión 1).')).toBeVisible();
  const record = page.getByRole('listitem').filter({ hasText: 'Doña Rosa Hernández' });
  await expect(record.getByText('Revisión 1')).toBeVisible();

  // Edited again: revision 2.
  await record.getByRole('button', { name: 'Editar' }).click();
  await expectQuestion(page, /acepta que se registre/);
  await next(page);
  await next(page);
  await next(page);
  await expectQuestion(page, /Nombre de la persona/);
  await page.keyboard.press('End');
  await page.keyboard.type(' y familia');
  await next(page);
  await page.getByRole('button', { name: 'Guardar y salir' }).click();
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Borrador de edición' })
    .getByRole('button', { name: 'Continuar' })
    .click();
  await expectQuestion(page, '¿Qué papel tiene?');
  // On to the end: a list's Siguiente skips its entries (ingredients 16, photos 25, of 32 pages).
  for (const step of [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 25, 30, 31, 32]) {
    await next(page);
    await expect(page.getByText(`Paso ${step} de 32`)).toBeVisible();
  }
  await expectQuestion(page, 'Persona que registra');
  await page.keyboard.press('End');
  await page.keyboard.type(' y Luis Ortega');
  await next(page);
  await page.getByRole('button', { name: 'Terminar y guardar' }).click();
  await expect(page.getByText('Registro guardado (revisión 2).')).toBeVisible();
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Doña Rosa Hernández y familia' }).getByText('Revisión 2'),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Bloquear' }).click();
  await expect(page.getByRole('heading', { name: /Bienvenid/ })).toBeVisible();
  await expect(page.getByRole('button', { name: HERITAGE })).toHaveCount(0);
});
