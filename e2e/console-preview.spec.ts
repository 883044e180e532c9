// The console's kiosk preview in Chromium against a real sync server: a coordinator uploads a form
// with choice images, opens it as the kiosk shows it (the real renderer in a frame), answers a
// skip-logic question and picks a pictured choice, reaches the thank-you, switches to English and
// to landscape; nothing reaches the server's tables. A door supervisor is refused the preview.
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { previewPageUrl } from '../shared/console/preview-api';
import { PREVIEW_FORM, PREVIEW_MEDIA, PREVIEW_SHEETS } from '../sync-server/console/testing/preview-form';
import { rowCounts } from '../sync-server/console/testing/row-counts';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createConsoleUsers, expectNoAxeViolations, signInToConsole } from './support/console-page';

let t: TestServer;
let eventId: string;
const { formId, version } = PREVIEW_FORM;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  eventId = await t.createEvent([]);
  await createConsoleUsers(t, { coordinadora: 'coordinator', portero: 'door_supervisor' });
});
test.afterAll(() => t.close());

const files = () => [
  ...Object.entries(PREVIEW_SHEETS).map(([sheet, text]) => ({
    name: `${formId}.${sheet}.csv`,
    mimeType: 'text/csv',
    buffer: Buffer.from(text),
  })),
  ...Object.entries(PREVIEW_MEDIA).map(([name, buffer]) => ({ name, mimeType: 'image/png', buffer })),
];

async function openPreview(page: Page): Promise<FrameLocator> {
  await page.getByRole('link', { name: 'Formularios' }).click();
  const upload = page.getByRole('form', { name: 'Subir un formulario' });
  await upload.getByLabel('Archivos del formulario').setInputFiles(files());
  await upload.getByRole('button', { name: 'Subir' }).click();
  await expect(page.getByRole('status')).toHaveText(`Se agregó ${formId}, versión ${version}.`);
  const card = page.getByTestId('form-card').filter({ hasText: formId });
  await card.getByRole('button', { name: `Vista previa de ${formId}, versión ${version}` }).click();
  await card.getByRole('button', { name: 'Ver como en el quiosco' }).click();
  await expect(
    page.getByRole('dialog', { name: `Quiosco de vista previa: ${formId}, versión ${version}` }),
  ).toBeVisible();
  return page.frameLocator(`iframe[title="Quiosco de vista previa: ${formId}, versión ${version}"]`);
}

test('a coordinator walks a form in the kiosk preview to the thank-you, and nothing is saved', async ({
  page,
}) => {
  await signInToConsole(page, t.url, 'coordinadora');
  const kiosk = await openPreview(page);
  const before = await rowCounts(t.server.db.db);

  await expect(kiosk.getByRole('heading', { name: '¿Es su primera visita?' })).toBeVisible();
  await expectNoAxeViolations(page);
  await kiosk.getByRole('radio', { name: 'No', exact: true }).click();
  await kiosk.getByRole('button', { name: 'Siguiente', exact: true }).click();
  // Shown only because this visitor came before.
  await expect(kiosk.getByRole('heading', { name: '¿Cuántas veces ha venido?' })).toBeVisible();
  await kiosk.getByRole('radio', { name: 'Muchas', exact: true }).click();
  await kiosk.getByRole('button', { name: 'Siguiente', exact: true }).click();
  await expect(kiosk.getByRole('heading', { name: 'Elija una fruta' })).toBeVisible();
  // The choice's picture came from the version's stored media (e2e code has no DOM types, hence Reflect).
  const picture = kiosk.locator('label', { hasText: 'Pera' }).locator('img.choice-image');
  await expect.poll(() => picture.evaluate((img) => Number(Reflect.get(img, 'naturalWidth')))).toBe(16);
  await expectNoAxeViolations(page);
  await kiosk.getByRole('radio', { name: 'Pera', exact: true }).click();
  await kiosk.getByRole('button', { name: 'Siguiente', exact: true }).click();
  await expect(kiosk.getByRole('heading', { name: 'Revise sus respuestas' })).toBeVisible();
  await kiosk.getByRole('button', { name: 'Enviar', exact: true }).click();
  await expect(kiosk.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('radio', { name: 'inglés' }).check();
  await expect(kiosk.getByRole('heading', { name: 'Is this your first visit?' })).toBeVisible();
  await page.getByRole('radio', { name: 'Horizontal (1280 × 800)' }).check();
  const frame = page.getByTitle(`Quiosco de vista previa: ${formId}, versión ${version}`);
  await expect.poll(async () => (await frame.boundingBox())?.width).toBe(640);
  await expect(kiosk.getByRole('heading', { name: 'Is this your first visit?' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('dialog').getByRole('button', { name: 'Cerrar', exact: true }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Ver como en el quiosco' })).toBeFocused();

  expect(await rowCounts(t.server.db.db)).toEqual(before);
});

test('a door supervisor is refused the preview page', async ({ page }) => {
  await signInToConsole(page, t.url, 'portero');
  await expect(page.getByRole('link', { name: 'Formularios' })).toHaveCount(0);
  const response = await page.goto(
    new URL(previewPageUrl({ eventId, formId, version }).slice(1), t.url).href,
  );
  expect(response?.status()).toBe(403);
  expect(await response?.json()).toMatchObject({
    error: {
      code: 'forbidden',
      message: 'The door_supervisor role may not do this; it needs admin or coordinator or statistician',
    },
  });
});
