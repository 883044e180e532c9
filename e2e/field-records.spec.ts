// Field records in real Chromium against a real web kiosk with the demo forms, one part of the
// heritage record per test, each on its own kiosk: the public attract screen never offers the
// form, and staff start a record through its consent, bearer and practice pages; add three
// ingredients, edit one, delete one and reorder two, then reload mid-form and resume the draft;
// take two photos from a fake webcam with captions and finish it as revision 1; edit it into
// revision 2. Each test starts from the draft or record the one before it ends with, saved through
// the kiosk's own channels (that test checks the kiosk holds exactly those answers), so none waits
// on another's walk. Axe on every screen.
import type { Browser, Page } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Answers } from '../shared/forms/form-definition';
import { launchWithCamera } from './camera/fake-camera-browser';
import { pngToY4m } from './camera/y4m';
import { ffmpeg } from './photo/jpeg-fixtures';
import { expect, expectAccessible, test as base } from './support/fixtures';
import { answerChoice, expectQuestion, next, tapKeypad } from './support/kiosk-page';
import { callKiosk, makeKioskData, STAFF_PIN, startKiosk, type RunningKiosk } from './support/kiosk-process';

const HERITAGE = /Ficha de patrimonio cultural inmaterial/;
const HERITAGE_FORM = { formId: 'patrimonio_inmaterial', formVersion: '2026110101', language: 'es' } as const;

/** What the consent, bearer and practice pages below are answered with. */
const BEARER_AND_PRACTICE: Answers = {
  consiente_registro: 'si',
  consiente_fotos: 'si',
  consiente_publicacion: 'si',
  nombre_portador: 'Doña Rosa Hernández',
  rol_portador: 'cocinera',
  comunidad: 'El Arenal',
  municipio: 'pachuca_de_soto',
  lenguas: ['hnahnu'],
  ambito: 'cocina',
  nombre_practica: 'Escamoles a la mantequilla',
  descripcion: 'Larvas de hormiga guisadas con mantequilla, chile y epazote.',
};
/** The ingredients once added, edited, deleted and reordered below. */
const INGREDIENTS = [
  { ingrediente: 'Epazote', ingrediente_origen: 'cultivo' },
  { ingrediente: 'Mantequilla de rancho', ingrediente_origen: 'compra_local' },
];
const CAPTIONS = ['Escamoles en el comal', 'Doña Rosa en su cocina'];
const SAFEGUARDING = { riesgo: 'vigente', registrado_por: 'Ana Pérez' };

let work: string;
let browser: Browser;
/** The webcam's scene as a JPEG, for the photos of a record made without the camera. */
let sceneJpeg: string;
/** A kiosk set up once (`quiosco kiosk init`), copied for each test's own kiosk. */
let kioskData: string;

base.beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'quiosco-field-e2e-'));
  kioskData = makeKioskData();
  const png = path.join(work, 'scene.png');
  sceneJpeg = path.join(work, 'scene.jpg');
  const video = path.join(work, 'scene.y4m');
  // One frame of ffmpeg's test scene, as the webcam's PNG and as a JPEG.
  const scene = ['-f', 'lavfi', '-i', 'testsrc2=s=640x480'];
  await ffmpeg([...scene, ...['-frames:v', '1', png], ...['-frames:v', '1', sceneJpeg]]);
  await pngToY4m(png, video);
  browser = await launchWithCamera({ video });
});

base.afterAll(async () => {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(kioskData, { recursive: true, force: true });
});

/** Each test's own kiosk, from a copy of the one set up once; a page on it with the fake webcam. */
const test = base.extend<{ page: Page }>({
  kiosk: async ({}, use) => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-'));
    cpSync(kioskData, dataDir, { recursive: true });
    const kiosk = await startKiosk(dataDir);
    await use(kiosk);
    await kiosk.stop();
  },
  page: async ({ kiosk }, use) => {
    const context = await browser.newContext({ locale: 'es-MX', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(kiosk.url);
    await use(page);
    await context.close();
  },
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
const fieldEntry = (page: Page, text: string) => page.getByRole('listitem').filter({ hasText: text });

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

const staffToken = async (kiosk: RunningKiosk) =>
  (await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN })).token;

/** A draft of the heritage form open on `path`, saved as the renderer saves one. */
async function saveDraft(kiosk: RunningKiosk, answers: Answers, path: string): Promise<void> {
  const token = await staffToken(kiosk);
  const startedAt = new Date().toISOString();
  await callKiosk(kiosk, 'draft:save', { token, ...HERITAGE_FORM, answers, position: { path }, startedAt });
}

/** The answers of the kiosk's only draft, as autosaved so far. */
async function draftAnswers(kiosk: RunningKiosk): Promise<Answers | undefined> {
  const token = await staffToken(kiosk);
  const [draft] = (await callKiosk(kiosk, 'field:list', { token })).entries;
  if (draft?.draftId == null) return undefined;
  return (await callKiosk(kiosk, 'draft:get', { token, draftId: draft.draftId })).answers;
}

test('the attract screen never offers the heritage form; staff start one from the empty list up to its ingredients', async ({
  kiosk,
  page,
}) => {
  await expect(page.getByRole('heading', { name: /Bienvenid/ })).toBeVisible();
  await expect(page.getByRole('button', { name: HERITAGE })).toHaveCount(0);
  await openFieldRecords(page);
  await expect(page.getByText('No hay borradores ni registros.')).toBeVisible();
  await expectAccessible(page, 'field records');
  await page.getByRole('button', { name: 'Nuevo: Ficha de patrimonio cultural inmaterial' }).click();

  // Consent, bearer and practice, up to the empty ingredients list.

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

  await expectQuestion(page, 'Ingredientes o materiales');
  await expect(page.getByText('Todavía no hay entradas.')).toBeVisible();
  await expectAccessible(page, 'empty repeat');
  // What the next test starts from.
  await expect.poll(() => draftAnswers(kiosk)).toEqual(BEARER_AND_PRACTICE);
});

test('ingredients added, edited, deleted and reordered, and the draft resumed after a reload', async ({
  kiosk,
  page,
}) => {
  await saveDraft(kiosk, BEARER_AND_PRACTICE, 'ingredientes');
  await openFieldRecords(page);
  await fieldEntry(page, 'Doña Rosa Hernández').getByRole('button', { name: 'Continuar' }).click();

  // Three added, the second edited, the first deleted, the rest reordered.
  await expectQuestion(page, 'Ingredientes o materiales');
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
  const draft = fieldEntry(page, 'Doña Rosa Hernández');
  await expect(draft.getByText('Borrador', { exact: true })).toBeVisible();
  await draft.getByRole('button', { name: 'Continuar' }).click();
  await expectQuestion(page, 'Ingredientes o materiales');
  await expect(entries(page)).toHaveText([
    'Entrada 1 · Epazote · Cultivo propio',
    'Entrada 2 · Mantequilla de rancho · Compra en la región',
  ]);
  // What the next test starts from.
  expect(await draftAnswers(kiosk)).toEqual({ ...BEARER_AND_PRACTICE, ingredientes: INGREDIENTS });
});

test('photos from the webcam with captions, reviewed and finished as revision 1', async ({ kiosk, page }) => {
  await saveDraft(kiosk, { ...BEARER_AND_PRACTICE, ingredientes: INGREDIENTS }, 'fotos');
  await openFieldRecords(page);
  await fieldEntry(page, 'Doña Rosa Hernández').getByRole('button', { name: 'Continuar' }).click();

  // Each photo with a caption; the list shows their thumbnails.
  await expectQuestion(page, 'Fotografías');
  for (const caption of CAPTIONS) await addPhoto(page, caption);
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
  await expect(fieldEntry(page, 'Doña Rosa Hernández').getByText('Revisión 1')).toBeVisible();

  // What the next test starts from (its photos from the file instead of the camera).
  const token = await staffToken(kiosk);
  const [record] = (await callKiosk(kiosk, 'field:list', { token })).entries;
  const recordId = record?.recordId ?? '';
  const [revision] = (await callKiosk(kiosk, 'record:revisions', { token, recordId })).revisions;
  const photo = expect.stringMatching(/^[0-9a-f]{64}\.jpg$/);
  expect(revision?.answers).toEqual({
    ...BEARER_AND_PRACTICE,
    ingredientes: INGREDIENTS,
    fotos: CAPTIONS.map((pie_foto) => ({ foto: photo, pie_foto })),
    ...SAFEGUARDING,
  });
});

test('a saved record edited into revision 2, left half-way and continued; the attract screen still hides it', async ({
  kiosk,
  page,
}) => {
  const token = await staffToken(kiosk);
  const base64 = readFileSync(sceneJpeg).toString('base64');
  const { name } = await callKiosk(kiosk, 'attachment:save', { token, mime: 'image/jpeg', base64 });
  const fotos = CAPTIONS.map((pie_foto) => ({ foto: name, pie_foto }));
  const answers = { ...BEARER_AND_PRACTICE, ingredientes: INGREDIENTS, fotos, ...SAFEGUARDING };
  const startedAt = new Date().toISOString();
  const position = { path: 'registrado_por' };
  const saved = await callKiosk(kiosk, 'draft:save', {
    token,
    ...HERITAGE_FORM,
    answers,
    position,
    startedAt,
  });
  await callKiosk(kiosk, 'draft:finish', { token, draftId: saved.draftId, editedBy: 'Ana Pérez' });

  await openFieldRecords(page);
  const record = fieldEntry(page, 'Doña Rosa Hernández');
  await expect(record.getByText('Revisión 1')).toBeVisible();
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
  await fieldEntry(page, 'Borrador de edición').getByRole('button', { name: 'Continuar' }).click();
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
  await expect(fieldEntry(page, 'Doña Rosa Hernández y familia').getByText('Revisión 2')).toBeVisible();

  await page.getByRole('button', { name: 'Bloquear' }).click();
  await expect(page.getByRole('heading', { name: /Bienvenid/ })).toBeVisible();
  await expect(page.getByRole('button', { name: HERITAGE })).toHaveCount(0);
});
