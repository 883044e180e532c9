// The web console in Chromium for e2e tests: signing in as a person would, and axe on what shows.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { Role } from '../../shared/sync/admin-api';
import { createUser } from '../../sync-server/console/accounts';
import type { TestServer } from '../../sync-server/testing/test-server';

export const CONSOLE_PASSWORD = 'contraseña de prueba';

/** Console users by name and role, all with CONSOLE_PASSWORD. */
export async function createConsoleUsers(t: TestServer, users: Record<string, Role>): Promise<void> {
  for (const [username, role] of Object.entries(users)) {
    await createUser(t.server.db, { username, role, password: CONSOLE_PASSWORD });
  }
}

export async function signInToConsole(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill(CONSOLE_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page.getByRole('button', { name: 'Cerrar sesión' })).toBeVisible();
}

/** No axe violation of any impact on what the page shows now. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
