// The console's kiosks page in Chromium against a real sync server: a web kiosk enrols with the QR
// code the page shows (read from a screenshot, typed into the kiosk's staff enrolment as a scanner
// would), a kiosk is revoked through a confirmation dialog that keeps and gives back focus, and
// each role sees only what it may.
import { expect, test } from '@playwright/test';
import { listAudit } from '../sync-server/console/audit';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createConsoleUsers, expectNoAxeViolations, signInToConsole } from './support/console-page';
import { callKiosk, startKiosk, STAFF_PIN, type RunningKiosk } from './support/kiosk-process';
import { readQr } from './support/qr';

let t: TestServer;
let kiosk: RunningKiosk | undefined;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await t.createEvent(['encuesta-impacto-economico']);
  await createConsoleUsers(t, {
    coordinadora: 'coordinator',
    estadistico: 'statistician',
    puerta: 'door_supervisor',
  });
});
test.afterAll(async () => {
  await kiosk?.stop();
  await t.close();
});

test('a kiosk enrols with the QR code the console shows, then is revoked after a confirmation', async ({
  page,
}) => {
  await signInToConsole(page, t.url, 'coordinadora');
  await page.getByRole('link', { name: 'Quioscos' }).click();
  await expect(page.getByLabel('Dirección del servidor para los quioscos')).toHaveValue(
    t.url.replace(/\/$/, '') + '/',
  );
  await page.getByLabel('Válido durante').selectOption({ label: '1 hora' });
  await page.getByRole('button', { name: 'Mostrar código QR' }).click();
  const qr = page.getByRole('img', {
    name: /^Código QR de inscripción [0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/,
  });
  await expect(qr).toBeVisible();
  await expect(page.getByText(/^Sirve una sola vez, hasta las /)).toBeVisible();
  await expectNoAxeViolations(page);

  const scanned = await readQr(qr);
  expect(scanned).toMatch(/^quiosco:\/\/enrol\?code=/);
  kiosk = await startKiosk();
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  const status = await callKiosk(kiosk, 'staff:enrol', { token, code: scanned ?? '' });
  expect(status).toMatchObject({ enrolled: true, revoked: false });

  await page.reload();
  const row = page.getByTestId('kiosk-row');
  await expect(row).toHaveCount(1);
  const revoke = row.getByRole('button', { name: /^Revocar / });
  await revoke.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: /^¿Revocar el quiosco / });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancelar' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(revoke).toBeFocused();
  expect(await t.count('devices')).toBe(1);

  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: 'Sí, revocar' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toHaveText(/^Se revocó el quiosco /);
  await expect(row.getByText('Revocado')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Quioscos' })).toBeFocused();
  const after = await callKiosk(kiosk, 'staff:sync-now', { token });
  expect(after.revoked).toBe(true);
  const actions = (await listAudit(t.server.db)).map((a) => a.action);
  expect(actions).toEqual(expect.arrayContaining(['enrol_code_created', 'kiosk_revoked']));
});

test('a statistician sees the kiosks but cannot enrol or revoke one', async ({ page }) => {
  await signInToConsole(page, t.url, 'estadistico');
  await page.getByRole('link', { name: 'Quioscos' }).click();
  await expect(page.getByRole('heading', { name: 'Quioscos' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mostrar código QR' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Revocar/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('a door supervisor sees the door dashboard only: occupancy, no records, no kiosks page', async ({
  page,
}) => {
  await signInToConsole(page, t.url, 'puerta');
  await expect(page.getByRole('heading', { name: 'Tablero en vivo' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Aforo' })).toBeVisible();
  await expect(page.getByText('Registros por formulario (últimas 24 horas)')).toHaveCount(0);
  for (const name of ['Quioscos', 'Exportaciones', 'Eventos', 'Formularios']) {
    await expect(page.getByRole('link', { name })).toHaveCount(0);
  }
  await expectNoAxeViolations(page);
});
