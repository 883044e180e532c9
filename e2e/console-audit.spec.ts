// The console's audit page in Chromium against a real sync server: an admin creates an event and
// finds it on top of the log with its action and detail keys in Spanish, filters by action, opens
// a long detail from the keyboard (text, never HTML), pages to older entries (a known reason by
// its name); axe clean; a coordinator has no audit page.
import { expect, test } from '@playwright/test';
import { audit } from '../sync-server/console/audit';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createConsoleUsers, expectNoAxeViolations, signInToConsole } from './support/console-page';

/** Forty record ids: longer than a row shows at once. */
const RECORDS = Array.from(
  { length: 40 },
  (_, i) => `0193a1b2-0000-7000-8000-${String(i).padStart(12, '0')}`,
);
let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await createConsoleUsers(t, { administra: 'admin', coordinadora: 'coordinator' });
  // An older read of personal data; its form id is markup, to be shown as the text it is.
  const detail = { via: 'console', formId: '<b>encuesta</b>', records: RECORDS };
  await audit(
    t.server.db,
    { actor: 'estadistica', action: 'personal_data_read', detail },
    new Date('2026-03-02T18:00:00Z'),
  );
  // Fifty failed sign-ins before that, in one millisecond: the log runs to a second page.
  for (let i = 0; i < 50; i++) {
    await audit(
      t.server.db,
      { actor: '(unknown)', action: 'sign_in_failed', detail: { reason: 'unknown_user' } },
      new Date('2026-01-05T03:00:00Z'),
    );
  }
});
test.afterAll(() => t.close());

test('an admin finds their set-up change on top of the audit log and filters by action', async ({ page }) => {
  await signInToConsole(page, t.url, 'administra');
  await page.getByRole('link', { name: 'Eventos' }).click();
  const form = page.getByRole('form', { name: 'Nuevo evento' });
  await form.getByLabel('Identificador').fill('feria_2027');
  await form.getByLabel('Nombre').fill('Feria del Caballo 2027');
  await form.getByRole('button', { name: 'Crear evento' }).click();
  await expect(page.getByRole('status')).toHaveText('Se guardó el evento Feria del Caballo 2027.');

  await page.getByRole('link', { name: 'Auditoría' }).click();
  await expect(page.getByRole('heading', { name: 'Registro de auditoría', level: 2 })).toBeVisible();
  const rows = page.getByTestId('audit-row');
  await expect(page.getByRole('status')).toHaveText('Se muestran 50 entradas.');
  await expect(rows).toHaveCount(50);
  await expect(rows.nth(0).getByRole('cell').nth(0)).toHaveText('administra');
  await expect(rows.nth(0).getByRole('cell').nth(1)).toHaveText('Evento creado');
  // The detail's keys by their Spanish labels, not as the server writes them (eventId, name).
  const created = rows.nth(0).getByRole('listitem');
  await expect(created.getByText('Evento: feria_2027', { exact: true })).toBeVisible();
  await expect(created.getByText('Nombre: Feria del Caballo 2027', { exact: true })).toBeVisible();
  await expect(created.getByText('Aforo: —', { exact: true })).toBeVisible();
  await expect(created.filter({ hasText: /^(eventId|name):/ })).toHaveCount(0);
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('Inicio de sesión');
  await expect(rows.nth(2).getByRole('cell').nth(1)).toHaveText('Consulta de datos personales');
  await expectNoAxeViolations(page);

  await page.getByLabel('Acción').selectOption({ label: 'Consulta de datos personales' });
  await page.getByRole('button', { name: 'Filtrar' }).click();
  await expect(page.getByRole('status')).toHaveText('Se muestra 1 entrada.');
  await expect(rows).toHaveCount(1);
  const read = rows.first();
  await expect(read.getByRole('cell').nth(0)).toHaveText('estadistica');
  // The time in the console's locale, as the other pages show times.
  const shown = await page.evaluate(() => new Date('2026-03-02T18:00:00Z').toLocaleString('es-MX'));
  await expect(read.getByRole('rowheader')).toHaveText(shown);
  await expect(read.getByText('Formulario: <b>encuesta</b>', { exact: true })).toBeVisible();
  await expect(read.locator('b')).toHaveCount(0);
  const whole = read.getByText(RECORDS.join(', '), { exact: true });
  await expect(whole).toBeHidden();
  await read.getByText('Ver completo: Registros').focus();
  await page.keyboard.press('Enter');
  await expect(whole).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Quitar filtros' }).click();
  await expect(page.getByLabel('Acción')).toHaveValue('');
  await expect(rows).toHaveCount(50);
  // The older page by keyboard: its first entry takes the focus (the button is gone there).
  await page.getByRole('button', { name: 'Más antiguos' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Se muestran 3 entradas.');
  await expect(page.getByText('Página 2')).toBeVisible();
  await expect(rows.first().getByRole('rowheader')).toBeFocused();
  await expect(page.getByRole('button', { name: 'Más antiguos' })).toHaveCount(0);
  for (const row of await rows.all()) {
    await expect(row.getByRole('cell').nth(1)).toHaveText('Inicio de sesión fallido');
    await expect(row.getByRole('listitem')).toHaveText('Motivo: usuario inexistente');
  }
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Más recientes' }).click();
  await expect(rows.first().getByRole('cell').nth(1)).toHaveText('Evento creado');
});

test('a coordinator has no audit page', async ({ page }) => {
  await signInToConsole(page, t.url, 'coordinadora');
  await expect(page.getByRole('link', { name: 'Eventos' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Auditoría' })).toHaveCount(0);
  await page.goto(new URL('/#/audit', t.url).href);
  await expect(page.getByRole('heading', { name: 'Registro de auditoría' })).toHaveCount(0);
});
