// The console's data and exports pages in Chromium against a real sync server: a statistician
// pages through anonymised records with the export filters and downloads an export whose progress
// the page follows; an admin sees personal data and photo thumbnails, and each view is audited.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { createUser } from '../sync-server/console/accounts';
import { listAudit } from '../sync-server/console/audit';
import { HERITAGE } from '../sync-server/exports/testing/export-fixtures';
import { seedFieldRecords, type FieldRecords } from '../sync-server/exports/testing/field-record-fixtures';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { CONSOLE_PASSWORD, expectNoAxeViolations, signInToConsole } from './support/console-page';

let t: TestServer;
let field: FieldRecords;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  field = await seedFieldRecords(t);
  for (const role of ['admin', 'statistician'] as const) {
    await createUser(t.server.db, { username: role, role, password: CONSOLE_PASSWORD });
  }
});
test.afterAll(() => t.close());

test('a statistician pages through anonymised records with the export filters', async ({ page }) => {
  await signInToConsole(page, t.url, 'statistician');
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(field.eventId);
  await page.getByRole('link', { name: 'Datos' }).click();
  await page.getByRole('combobox', { name: 'Formulario' }).selectOption(HERITAGE);
  await page.getByRole('button', { name: 'Mostrar' }).click();
  const rows = page.getByTestId('data-row');
  // Current revisions: a2, b2 and b3 (a conflict), c1.
  await expect(rows).toHaveCount(4);
  await expect(page.getByText('Datos anonimizados')).toBeVisible();
  const text = await page.locator('main').innerText();
  expect(text).not.toContain('Doña Rosa');
  await expect(page.getByTestId('data-table').getByRole('img')).toHaveCount(0);

  // From 21 November in Hidalgo's time: the edits of that day only.
  await page.getByLabel('Desde (fecha)').fill('2026-11-21');
  await page.getByRole('button', { name: 'Mostrar' }).click();
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText('-06:00');
  await page.getByLabel('Todas las revisiones').check();
  await page.getByRole('button', { name: 'Mostrar' }).click();
  await expect(rows).toHaveCount(3);
  await page.getByLabel('Desde (fecha)').fill('');
  await page.getByRole('button', { name: 'Mostrar' }).click();
  await expect(rows).toHaveCount(6);
  await expectNoAxeViolations(page);
});

test('an admin sees personal data and photo thumbnails, and every view is audited', async ({ page }) => {
  await signInToConsole(page, t.url, 'admin');
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(field.eventId);
  await page.getByRole('link', { name: 'Datos' }).click();
  await page.getByRole('combobox', { name: 'Formulario' }).selectOption(HERITAGE);
  await page.getByRole('button', { name: 'Mostrar' }).click();
  await expect(page.getByTestId('data-row')).toHaveCount(4);
  await expect(page.getByText('Se muestran datos personales')).toBeVisible();
  await expect(page.getByTestId('data-table')).toContainText('Doña Rosa Martínez');
  const thumbs = page.getByTestId('data-table').getByRole('img');
  await expect(thumbs.first()).toBeVisible();
  // Each stored photo loaded (a refused one would have no pixels); the one still on the tablet says so.
  await expect
    .poll(() =>
      thumbs.evaluateAll((imgs) => imgs.every((i) => 'naturalWidth' in i && Number(i.naturalWidth) > 0)),
    )
    .toBe(true);
  await expect(page.getByText('Foto 2: aún no llega de la tableta')).toBeVisible();
  await expectNoAxeViolations(page);
  const reads = (await listAudit(t.server.db, 1000)).filter(
    (a) => a.actor === 'admin' && a.action === 'personal_data_read' && a.detail.via === 'console',
  );
  expect(reads.some((a) => Array.isArray(a.detail.records) && a.detail.records.length === 4)).toBe(true);
  expect(reads.filter((a) => typeof a.detail.photo === 'string').length).toBeGreaterThan(0);
});

test('an export started from the page downloads while the page shows its progress', async ({ page }) => {
  await signInToConsole(page, t.url, 'statistician');
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(field.eventId);
  await page.getByRole('link', { name: 'Exportaciones' }).click();
  await page.getByRole('combobox', { name: 'Formulario' }).selectOption(HERITAGE);
  await page.getByRole('combobox', { name: 'Revisiones' }).selectOption('all');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Descargar' }).click();
  const file = await download;
  const path = await file.path();
  // A header and the six revisions (CRLF rows; captions may hold line breaks inside quotes).
  expect(readFileSync(path, 'utf8').trimEnd().split(/\r\n/)).toHaveLength(7);
  const jobs = page.getByTestId('export-jobs');
  await expect(jobs.getByRole('listitem')).toHaveCount(1);
  // The list names the form by its title in the page's language, not its id.
  await expect(jobs.getByRole('listitem')).toContainText('Ficha de patrimonio cultural inmaterial · CSV');
  await expect(jobs.getByRole('listitem')).toContainText('Terminada: 6 registros');
  await expectNoAxeViolations(page);
});
