// Event branding in the console, in Chromium against a real sync server: a coordinator is told
// beside the colours why a low-contrast pair is refused, sets a colour, uploads a PNG logo made
// here and sees it shown; what the kiosks will pull is stored; axe clean.
import { expect, test } from '@playwright/test';
import { pngImage } from '../sync-server/branding/test-images';
import { readEventBranding } from '../sync-server/events/event-branding';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createConsoleUsers, expectNoAxeViolations, signInToConsole } from './support/console-page';

let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await createConsoleUsers(t, { coordinadora: 'coordinator' });
});
test.afterAll(() => t.close());

test('a coordinator sets a colour and uploads a logo, told exactly what is refused', async ({ page }) => {
  const eventId = await t.createEvent();
  await signInToConsole(page, t.url, 'coordinadora');
  await page.getByRole('link', { name: 'Eventos' }).click();
  await page.getByRole('button', { name: /^Editar Test event/ }).click();
  const section = page.getByRole('region', { name: /^Imagen del evento Test event/ });
  await expect(section).toContainText('Sin logotipo.');

  await section.getByLabel('Botones de inicio', { exact: true }).fill('#5a1a5e');
  await section.getByLabel('Texto de los botones de inicio', { exact: true }).fill('#ffffff');
  await section.getByRole('button', { name: 'Guardar colores' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'No se pudo completar: colours: accent #5a1a5e on background #0b3a63 has a contrast of 1.03:1; WCAG AA needs at least 3:1',
  );
  await expect(section.getByLabel('Botones de inicio', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(await readEventBranding(t.server.db.db, eventId)).toBeNull();

  await section.getByLabel('Botones de inicio', { exact: true }).fill('#ffd23f');
  await section.getByLabel('Texto de los botones de inicio', { exact: true }).fill('#111418');
  await section.getByRole('button', { name: 'Guardar colores' }).click();
  await expect(page.getByRole('status')).toHaveText('Se guardó la imagen del evento.');
  await expect(section.getByLabel('Elegir el color: Botones de inicio')).toHaveValue('#ffd23f');

  const logo = pngImage(96, 48, [200, 30, 60]);
  await section
    .getByLabel('Subir logotipo')
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
  const shown = section.getByRole('img', { name: /^Logotipo de Test event/ });
  await expect(shown).toBeVisible();
  // Loaded through the console route (e2e code has no DOM types, hence Reflect).
  await expect.poll(() => shown.evaluate((img) => Number(Reflect.get(img, 'naturalWidth')))).toBe(96);
  expect(await readEventBranding(t.server.db.db, eventId)).toMatchObject({
    colours: { accent: '#ffd23f', onAccent: '#111418' },
    logo: { contentType: 'image/png', width: 96, height: 48, size: logo.length },
  });
  await expectNoAxeViolations(page);
});
