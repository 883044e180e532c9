// What a newcomer meets first in the console (found by walking the demo from a fresh clone):
// the sign-in page loads without a failed request for a file the server does not have, and the
// exports page names every format in the page's language.
import { expect, test } from '@playwright/test';
import { createUser } from '../sync-server/console/accounts';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';

const PASSWORD = 'contraseña de prueba';
let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await t.createEvent(['encuesta-impacto-economico']);
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
  await expect(page.getByTestId('export-jobs')).toContainText(
    'encuesta_impacto_economico · Informe resumido (HTML)',
  );
});
