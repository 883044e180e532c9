// What a newcomer meets first in the console (found by walking the demo from a fresh clone):
// the sign-in page loads without a failed request for a file the server does not have, the
// exports page names every format in the page's language, and forms are shown by their titles.
import { expect, test } from '@playwright/test';
import { createUser } from '../sync-server/console/accounts';
import { openServerForTest, surveyChanges, type TestServer } from '../sync-server/testing/test-server';

const PASSWORD = 'contraseña de prueba';
const SURVEY_TITLE = 'Encuesta de impacto económico — Muestra Gastronómica';
let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  const eventId = await t.createEvent(['encuesta-impacto-economico']);
  // Records, so the dashboard has a row per form.
  const device = await t.enrol(eventId, 'Entrada norte');
  const pushed = await t.call('POST', '/v1/sync/push', {
    token: device.token,
    body: { deviceId: device.deviceId, changes: surveyChanges(device, 1, 3) },
  });
  expect(pushed.status).toBe(200);
  await createUser(t.server.db, { username: 'ana', role: 'statistician', password: PASSWORD });
});
test.afterAll(() => t.close());

test('the sign-in page names its own icon, so Chromium logs no /favicon.ico 404', async ({ page }) => {
  await page.goto(t.url);
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  // Chromium asks for /favicon.ico after the load, when it likes; an inline icon means it never
  // asks, which this checks without waiting for a request that may or may not come.
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', 'data:,');
});

test('the exports page names each format in Spanish, in the list and in the downloads', async ({ page }) => {
  await page.goto(t.url);
  await page.getByLabel('Usuario').fill('ana');
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('link', { name: 'Exportaciones' }).click();
  const format = page.getByRole('combobox', { name: 'Formato' });
  await expect(format.getByRole('option')).toHaveText([
    'CSV',
    'Excel (XLSX)',
    'JSON Lines',
    'ZIP para SPSS/PSPP y R',
    'Informe resumido (HTML)',
  ]);
  await format.selectOption('report');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Descargar' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.html$/);
  await expect(page.getByTestId('export-jobs')).toContainText(`${SURVEY_TITLE} · Informe resumido (HTML)`);
});

test('the dashboard, exports and data pages name a form by its title, not its id', async ({ page }) => {
  await page.goto(t.url);
  await page.getByLabel('Usuario').fill('ana');
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  const perForm = page.getByTestId('per-form');
  await expect(perForm.getByRole('rowheader')).toHaveText([SURVEY_TITLE]);
  await expect(perForm.getByRole('cell')).toHaveText(['3']);
  await page.getByRole('link', { name: 'Exportaciones' }).click();
  const exportForm = page.getByRole('combobox', { name: 'Formulario' });
  await expect(exportForm.getByRole('option')).toHaveText([SURVEY_TITLE]);
  await expect(exportForm).toHaveValue('encuesta_impacto_economico');
  await page.getByRole('link', { name: 'Datos' }).click();
  const dataForm = page.getByRole('combobox', { name: 'Formulario' });
  await expect(dataForm.getByRole('option')).toHaveText([SURVEY_TITLE]);
  await expect(dataForm).toHaveValue('encuesta_impacto_economico');
});
