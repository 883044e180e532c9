// The console's sign-in in Chromium against a real server: a first visit asks who is signed in
// and logs no error for it, and refusals are said in the page's own words by their code (es-MX
// first, English after the switch), never the server's English; the lock-out tells when to retry.
import { expect, test, type ConsoleMessage } from '@playwright/test';
import { createUser, MAX_FAILURES } from '../sync-server/console/accounts';
import { consoleDb } from '../sync-server/console/tables';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';

const PASSWORD = 'contraseña de prueba';
let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await createUser(t.server.db, { username: 'ana', role: 'coordinator', password: PASSWORD });
  await createUser(t.server.db, { username: 'beto', role: 'coordinator', password: PASSWORD });
});
test.afterAll(() => t.close());

test('a first visit logs no console error: not signed in is an answer, not a 401', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const check = page.waitForResponse((r) => r.url().endsWith('/console/api/session'));
  await page.goto(t.url);
  expect((await check).status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Iniciar sesión' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a wrong password is said in Spanish, then in English, never in the server’s words', async ({
  page,
}) => {
  await page.goto(t.url);
  await page.getByLabel('Usuario').fill('ana');
  await page.getByLabel('Contraseña').fill('no es la contraseña');
  await page.getByRole('button', { name: 'Entrar' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Usuario o contraseña incorrectos.');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(alert).toHaveText('Wrong user name or password.');
  await page.getByLabel('User name').fill('nadie');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(alert).toHaveText('Wrong user name or password.');
});

test('a locked account is told when it may try again, in Spanish', async ({ page }) => {
  await page.goto(t.url);
  await page.getByLabel('Usuario').fill('beto');
  const alert = page.getByRole('alert');
  for (let i = 1; i <= MAX_FAILURES; i++) {
    await page.getByLabel('Contraseña').fill(`intento ${i}`);
    const answered = page.waitForResponse((r) => r.url().endsWith('/console/api/session'));
    await page.getByRole('button', { name: 'Entrar' }).click();
    await answered;
  }
  const row = await consoleDb(t.server.db)
    .selectFrom('users')
    .select('locked_until')
    .where('username', '=', 'beto')
    .executeTakeFirstOrThrow();
  const lockedUntil = row.locked_until ?? '';
  expect(lockedUntil).not.toBe('');
  const time = await page.evaluate(
    (iso) => new Intl.DateTimeFormat('es-MX', { timeStyle: 'short' }).format(new Date(iso)),
    lockedUntil,
  );
  await expect(alert).toHaveText(
    `Demasiados intentos fallidos: la cuenta está bloqueada. Vuelva a intentarlo a partir de las ${time}`,
  );
  await expect(alert).not.toContainText('locked');
});
