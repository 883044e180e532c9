// The console's tickets page in Chromium against a real sync server: a coordinator imports the box
// office's CSV (a bad row named by its line, then skipped), issues and prints signed tickets (the
// QR read back from a screenshot), blocks one after a confirmation and sets the door rules; a
// statistician sees the list without credentials or controls; a door supervisor revokes by code.
import { expect, test } from '@playwright/test';
import { createUser } from '../sync-server/console/accounts';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { readTicketCsv } from '../sync-server/tickets/ticket-csv';
import { CONSOLE_PASSWORD, expectNoAxeViolations, signInToConsole } from './support/console-page';
import { readQr } from './support/qr';

let t: TestServer;
let eventId: string;
const HOLDER = 'Ana García Ruiz';
const CODE = 'TAQ-7731';

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  eventId = await t.createEvent(['encuesta-impacto-economico']);
  for (const role of ['admin', 'coordinator', 'statistician', 'door_supervisor'] as const) {
    await createUser(t.server.db, { username: role, role, password: CONSOLE_PASSWORD });
  }
});
test.afterAll(() => t.close());

const csvOf = (rows: string[]) => ['code,event,ticket_type,holder_name', ...rows].join('\r\n');

test('a coordinator imports, issues and prints, blocks a ticket and sets the door rules', async ({
  page,
}) => {
  await signInToConsole(page, t.url, 'coordinator');
  await page.getByRole('link', { name: 'Boletos', exact: true }).click();
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(eventId);

  // A bad row refuses the whole file, naming its line; nothing is imported.
  const bad = csvOf([`${CODE},${eventId},General,${HOLDER}`, `TAQ-7732,${eventId},,Luis`]);
  const expected = readTicketCsv(bad).errors[0];
  if (expected === undefined) throw new Error('the fixture should have a bad row');
  const upload = (text: string) =>
    page.getByLabel('Archivo CSV de la taquilla').setInputFiles({
      name: 'taquilla.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(text),
    });
  await upload(bad);
  await page.getByRole('button', { name: 'Importar' }).click();
  await expect(page.getByTestId('import-errors')).toHaveText(
    `Línea ${expected.line} (${expected.column}): ${expected.message}`,
  );
  await expect(page.getByRole('alert')).toContainText('No se importó nada');
  await expect(page.getByTestId('ticket-table')).toHaveCount(0);

  // Skipping the bad row imports the good one.
  await page.getByLabel('Si una fila tiene errores').selectOption('skip');
  await page.getByRole('button', { name: 'Importar' }).click();
  await expect(page.getByTestId('import-report')).toHaveText(
    '2 filas: 1 nuevas, 0 actualizadas, 0 sin cambios, 1 omitidas.',
  );
  // A coordinator has no ticket credentials: the code shows as its fingerprint.
  await expect(page.getByTestId('ticket-table').getByRole('row', { name: /sha256:/ })).toHaveCount(1);

  // Issue two signed tickets: the print sheet shows their QR codes, which read back as tickets.
  await page.getByLabel('Tipo de boleto').fill('General');
  await page.getByLabel('Cantidad').fill('2');
  await page.getByRole('button', { name: 'Emitir' }).click();
  const cards = page.getByTestId('ticket-card');
  await expect(cards).toHaveCount(2);
  const qr = cards.first().getByRole('img');
  await expect(qr).toHaveAttribute('src', /^data:image\/png;base64,/);
  expect(await readQr(qr)).toMatch(/^QT1:/);
  await expect(page.getByRole('button', { name: 'Imprimir' })).toBeVisible();

  // Block a signed ticket from its row, after confirming.
  const ticketId = await cards.first().locator('.mono').innerText();
  await page.getByRole('button', { name: `Bloquear ${ticketId}` }).click();
  const dialog = page.getByRole('dialog', { name: `¿Bloquear el boleto ${ticketId}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Bloquear' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Bloquear: ${ticketId}. Listo.` })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(ticketId) })).toContainText('Bloqueado');

  // Door rules: a capacity, saved for the doors' next pull.
  await page.getByLabel('Capacidad (vacío: sin límite)').fill('450');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Reglas guardadas')).toBeVisible();
  await expect(page.getByTestId('door-occupancy')).toContainText('450');
  await expectNoAxeViolations(page);
});

test('a statistician sees the ticket list and door report without credentials or controls', async ({
  page,
}) => {
  // A ticket of its own, so this test stands alone.
  const imported = await t.call('POST', '/v1/tickets/import?onError=refuse', {
    token: await t.tokenFor('admin'),
    body: { csv: csvOf([`TAQ-9001,${eventId},VIP,María Pérez`]) },
  });
  expect(imported.status).toBe(200);
  await signInToConsole(page, t.url, 'statistician');
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(eventId);
  await page.getByRole('link', { name: 'Boletos', exact: true }).click();
  const table = page.getByTestId('ticket-table');
  await expect(table.getByRole('row', { name: /VIP/ })).toContainText('sha256:');
  await expect(page.getByText('Su función ve los códigos de taquilla como huellas')).toBeVisible();
  const text = await page.locator('main').innerText();
  expect(text).not.toContain('TAQ-9001');
  expect(text).not.toContain('María Pérez');
  await expect(page.getByRole('button', { name: 'Importar' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Emitir' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Bloquear|^Revocar/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Guardar' })).toHaveCount(0);
  await expect(page.getByLabel('Capacidad (vacío: sin límite)')).toBeDisabled();
  await expectNoAxeViolations(page);
});

test('a door supervisor revokes by code but cannot import or issue', async ({ page }) => {
  const imported = await t.call('POST', '/v1/tickets/import?onError=refuse', {
    token: await t.tokenFor('admin'),
    body: { csv: csvOf([`TAQ-5005,${eventId},General,Rosa Luna`]) },
  });
  expect(imported.status).toBe(200);
  await signInToConsole(page, t.url, 'door_supervisor');
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(eventId);
  await page.getByRole('link', { name: 'Boletos', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Importar' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Emitir' })).toHaveCount(0);
  await page.getByLabel('Código de taquilla, identificador o texto QR del boleto').fill('TAQ-5005');
  await page.getByLabel('Acción').selectOption('revoke');
  await page.getByRole('button', { name: 'Aplicar' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revocar' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Revocar: TAQ-5005. Listo.' })).toBeVisible();
  await expect(page.getByTestId('ticket-table').getByRole('row').filter({ hasText: 'Revocado' })).toHaveCount(
    1,
  );
  await expectNoAxeViolations(page);
});
