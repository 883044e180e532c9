// The console's people page in Chromium against a real sync server: an admin gives a door
// supervisor an account, who signs in and sees the door only; the admin then disables it after a
// confirmation and the next page load signs them out; axe clean.
import { expect, test } from '@playwright/test';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createConsoleUsers, expectNoAxeViolations, signInToConsole } from './support/console-page';

const DOOR_PASSWORD = 'la puerta norte 2027';
let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await t.createEvent(['encuesta-impacto-economico']);
  await createConsoleUsers(t, { administra: 'admin', coordinadora: 'coordinator' });
});
test.afterAll(() => t.close());

test('an admin gives a door supervisor an account, then disables it', async ({ page, browser }) => {
  await signInToConsole(page, t.url, 'administra');
  await page.getByRole('link', { name: 'Personas' }).click();
  const form = page.getByRole('form', { name: 'Nueva cuenta' });
  await form.getByLabel('Usuario').fill('puerta-norte');
  await form.getByLabel('Función').selectOption({ label: 'Supervisión de puerta' });
  await form.getByLabel('Contraseña (10 caracteres o más)').fill(DOOR_PASSWORD);
  await form.getByLabel('Repita la contraseña').fill('otra contraseña');
  await form.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(form.getByRole('alert')).toHaveText('Las dos contraseñas no coinciden.');
  await form.getByLabel('Repita la contraseña').fill(DOOR_PASSWORD);
  await form.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page.getByRole('status')).toHaveText('Se creó la cuenta de puerta-norte.');
  await expect(page.getByRole('row', { name: /puerta-norte Supervisión de puerta Activa/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Desactivar a administra' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  const door = await browser.newPage();
  await door.goto(t.url);
  await door.getByLabel('Usuario').fill('puerta-norte');
  await door.getByLabel('Contraseña').fill(DOOR_PASSWORD);
  await door.getByRole('button', { name: 'Entrar' }).click();
  await expect(door.getByRole('heading', { name: 'Aforo' })).toBeVisible();
  for (const name of ['Quioscos', 'Eventos', 'Formularios', 'Exportaciones', 'Personas']) {
    await expect(door.getByRole('link', { name })).toHaveCount(0);
  }

  await page.getByRole('button', { name: 'Desactivar a puerta-norte' }).click();
  const dialog = page.getByRole('dialog', { name: '¿Desactivar la cuenta de puerta-norte?' });
  await expect(dialog.getByRole('button', { name: 'Cancelar' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Sí, desactivar' }).click();
  await expect(page.getByRole('status')).toHaveText('Se desactivó la cuenta de puerta-norte.');
  await expect(
    page.getByRole('row', { name: /puerta-norte Supervisión de puerta Desactivada/ }),
  ).toBeVisible();
  await door.reload();
  await expect(door.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  await door.close();
});

test('a coordinator has no people page', async ({ page }) => {
  await signInToConsole(page, t.url, 'coordinadora');
  await expect(page.getByRole('link', { name: 'Personas' })).toHaveCount(0);
});
