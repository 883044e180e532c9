// The console's events page in Chromium against a real sync server: a coordinator creates an
// event with its dates, time zone and capacity, is told which field is wrong, edits it, archives
// it after a confirmation (it leaves the event picker) and restores it; axe clean throughout.
import { expect, test } from '@playwright/test';
import { listAudit } from '../sync-server/console/audit';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createConsoleUsers, expectNoAxeViolations, signInToConsole } from './support/console-page';

let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await createConsoleUsers(t, { coordinadora: 'coordinator', estadistico: 'statistician' });
});
test.afterAll(() => t.close());

test('a coordinator creates, edits, archives and restores an event', async ({ page }) => {
  await signInToConsole(page, t.url, 'coordinadora');
  await page.getByRole('link', { name: 'Eventos' }).click();
  await expect(page.getByRole('heading', { name: 'Eventos', level: 2 })).toBeVisible();
  await expect(page.getByText('No hay eventos.')).toBeVisible();
  const form = page.getByRole('form', { name: 'Nuevo evento' });
  await form.getByLabel('Identificador').fill('feria_2027');
  await form.getByLabel('Nombre').fill('Feria del Caballo 2027');
  await form.getByLabel('Primer día').fill('2027-04-12');
  await form.getByLabel('Último día').fill('2027-04-10');
  await form.getByLabel('Aforo (personas)').fill('2500');
  await expectNoAxeViolations(page);
  await form.getByRole('button', { name: 'Crear evento' }).click();
  await expect(form.getByRole('alert')).toHaveText('Revise «Último día».');
  await expect(form.getByLabel('Último día')).toHaveAttribute('aria-invalid', 'true');
  expect(await t.server.db.db.selectFrom('events').selectAll().execute()).toEqual([]);

  await form.getByLabel('Último día').fill('2027-04-14');
  await form.getByRole('button', { name: 'Crear evento' }).click();
  await expect(page.getByRole('status')).toHaveText('Se guardó el evento Feria del Caballo 2027.');
  const row = page.getByTestId('event-row');
  await expect(row).toContainText('America/Mexico_City');
  await expect(row).toContainText('2500');
  await expect(page.getByRole('combobox', { name: 'Evento' })).toHaveValue('feria_2027');

  await row.getByRole('button', { name: 'Editar Feria del Caballo 2027' }).click();
  const edit = page.getByRole('form', { name: 'Editar Feria del Caballo 2027' });
  await edit.getByLabel('Nombre').fill('Feria del Caballo');
  await edit.getByLabel('Zona horaria').fill('America/Monterrey');
  await edit.getByLabel('Aforo (personas)').fill('');
  await edit.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('status')).toHaveText('Se guardó el evento Feria del Caballo.');
  await expect(row).toContainText('America/Monterrey');
  await expect(row).toContainText('Sin límite');

  const archive = row.getByRole('button', { name: 'Archivar Feria del Caballo' });
  await archive.click();
  const dialog = page.getByRole('dialog', { name: '¿Archivar el evento Feria del Caballo?' });
  await expect(dialog.getByRole('button', { name: 'Cancelar' })).toBeFocused();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Sí, archivar' }).click();
  await expect(page.getByRole('status')).toHaveText('Se archivó el evento Feria del Caballo.');
  await expect(page.getByRole('heading', { name: 'Eventos', level: 2 })).toBeFocused();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Evento' }).getByRole('option')).toHaveCount(0);

  await page.getByLabel('Mostrar eventos archivados').check();
  await expect(row).toContainText('Archivado');
  await row.getByRole('button', { name: 'Restaurar Feria del Caballo' }).click();
  await expect(page.getByRole('status')).toHaveText('Se restauró el evento Feria del Caballo.');
  await expect(page.getByRole('combobox', { name: 'Evento' })).toHaveValue('feria_2027');
  await expectNoAxeViolations(page);
  const actions = (await listAudit(t.server.db)).map((a) => a.action);
  expect(actions.slice(0, 4)).toEqual(['event_archived', 'event_archived', 'event_updated', 'event_created']);
});

test('a statistician has no events page', async ({ page }) => {
  await signInToConsole(page, t.url, 'estadistico');
  await expect(page.getByRole('link', { name: 'Eventos' })).toHaveCount(0);
  await page.goto(`${t.url}#/events`);
  await expect(page.getByRole('heading', { name: 'Tablero en vivo' })).toBeVisible();
});
