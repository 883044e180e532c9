// The web console in Chromium, served by a real sync server: sign-in and sign-out, the live
// dashboard following a kiosk as it syncs, what each role sees, CSRF refusal, axe on every page.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { CSRF_REFUSAL } from '../shared/console/console-api';
import type { Role } from '../shared/sync/admin-api';
import { createUser } from '../sync-server/console/accounts';
import { openServerForTest, surveyChanges, type TestServer } from '../sync-server/testing/test-server';

const PASSWORD = 'contraseña de prueba';
let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await t.createEvent(['encuesta-impacto-economico', 'patrimonio-inmaterial']);
  for (const role of ['admin', 'coordinator', 'statistician'] as const) {
    await createUser(t.server.db, { username: role, role, password: PASSWORD });
  }
});
test.afterAll(() => t.close());

async function signIn(page: Page, role: Role): Promise<void> {
  await page.goto(t.url);
  await page.getByLabel('Usuario').fill(role);
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
}

/** No axe violation of any impact. */
async function expectAxeClean(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('signs in and out; the sign-in page is accessible and refuses a wrong password', async ({ page }) => {
  await page.goto(t.url);
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  await expectAxeClean(page);
  await page.getByLabel('Usuario').fill('coordinator');
  await page.getByLabel('Contraseña').fill('not the password');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page.getByRole('alert')).toHaveText('Usuario o contraseña incorrectos.');
  await signIn(page, 'coordinator');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
});

test('refuses a state-changing request without the CSRF header', async ({ page }) => {
  await signIn(page, 'coordinator');
  const forged = await page.request.post(new URL('console/api/session/end', t.url).toString());
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { error: { message: string } }).error.message).toBe(CSRF_REFUSAL);
});

test('the live dashboard follows a kiosk as it syncs, and is accessible', async ({ page }) => {
  const eventId = await t.createEvent(['encuesta-impacto-economico']);
  const device = await t.enrol(eventId, 'Kiosco plaza');
  await signIn(page, 'coordinator');
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(eventId);
  await expect(page.getByRole('heading', { name: 'Tablero en vivo' })).toBeVisible();
  const perKiosk = page.getByTestId('per-kiosk');
  await expect(perKiosk.getByRole('row')).toHaveCount(1);
  const push = (from: number, count: number) =>
    t.call('POST', '/v1/sync/push', {
      token: device.token,
      body: { deviceId: device.deviceId, changes: surveyChanges(device, from, count) },
    });
  expect((await push(1, 3)).status).toBe(200);
  await expect(perKiosk.getByRole('row', { name: 'Kiosco plaza 3' })).toBeVisible();
  expect((await push(4, 2)).status).toBe(200);
  await expect(perKiosk.getByRole('row', { name: 'Kiosco plaza 5' })).toBeVisible();
  await expect(page.getByTestId('kiosk-row')).not.toHaveClass(/stale/);
  await expectAxeClean(page);
});

test('a coordinator sees the kiosks but no exports page', async ({ page }) => {
  await signIn(page, 'coordinator');
  await expect(page.getByRole('link', { name: 'Exportaciones' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Quioscos' }).click();
  await expect(page.getByRole('heading', { name: 'Quioscos' })).toBeVisible();
  await expectAxeClean(page);
});

test('a statistician exports anonymised data only and sees kiosk names and ids', async ({ page }) => {
  const eventId = await t.createEvent(['encuesta-impacto-economico']);
  const device = await t.enrol(eventId, 'Kiosco museo');
  await signIn(page, 'statistician');
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(eventId);
  await page.getByRole('link', { name: 'Quioscos' }).click();
  await expect(page.getByRole('row', { name: new RegExp(`Kiosco museo ${device.deviceId}`) })).toBeVisible();
  await page.getByRole('link', { name: 'Exportaciones' }).click();
  await expect(page.getByText('Su función recibe datos anonimizados.')).toBeVisible();
  await expect(page.getByLabel(/datos personales/)).toHaveCount(0);
  await expectAxeClean(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Descargar' }).click();
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  const personal = await page.request.get(
    new URL(
      `console/api/exports/encuesta_impacto_economico?event=${eventId}&anonymised=false`,
      t.url,
    ).toString(),
  );
  expect(personal.status()).toBe(403);
});

test('an admin may include personal data in an export', async ({ page }) => {
  await signIn(page, 'admin');
  await page.getByRole('link', { name: 'Exportaciones' }).click();
  await expect(page.getByLabel(/datos personales/)).toBeVisible();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Export records' })).toBeVisible();
  await expectAxeClean(page);
});
