// Branding applied from the server: a real sync server on 127.0.0.1, the event branded with the
// `quiosco admin event brand` command, a web kiosk enrolled with it and synced. The attract screen
// shows the logo (named by the event), the event's colours (computed styles), and the attract
// loop, axe clean and without sideways scrolling at the four kiosk sizes; the loop cross-fades on
// the page's clock, holds still when reduced motion is asked for, and never takes a tap; branding a
// later sync brings shows on the idle attract screen without a reload, never to a visitor mid-form;
// cleared branding gives the kiosk its own look back.
import type { Locator, Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { pngImage } from '../sync-server/branding/test-images';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import type { SyncServer } from '../sync-server/server';
import { startE2eServer, type E2eServer } from './support/e2e-server';
import { expect, expectAccessible, test } from './support/fixtures';
import { callKiosk, ROOT, STAFF_PIN, startKiosk, type RunningKiosk } from './support/kiosk-process';
import { ATTRACT_REFRESH_MS } from '../renderer/src/store/bootstrap-refresh';
import { KIOSK_VIEWPORTS } from './support/viewports';

const EVENT = 'feria_libro';
const EVENT_NAME = 'Feria del Libro Infantil';

let running: E2eServer;
let server: SyncServer;
let serverDir: string;
let kiosk: RunningKiosk;

test.describe.configure({ mode: 'serial' });

/** `quiosco admin …` on the server's data directory, as a coordinator would run it beside the server. */
function admin(...args: string[]): string {
  const run = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'quiosco.js'), 'admin', ...args, '--data', serverDir],
    {
      encoding: 'utf8',
    },
  );
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

async function syncKiosk(): Promise<void> {
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  expect(await callKiosk(kiosk, 'staff:sync-now', { token })).toMatchObject({ lastError: null });
  await callKiosk(kiosk, 'staff:lock', { token });
}

test.beforeAll(async () => {
  running = await startE2eServer('brand');
  ({ server, dir: serverDir } = running);
  await createEvent(server.db, { id: EVENT, name: EVENT_NAME });
  await addForm(server.db, EVENT, readFormSheets(demoFormSheets('encuesta-impacto-economico')));
  const file = (name: string, bytes: Buffer) => {
    const at = path.join(serverDir, name);
    writeFileSync(at, bytes);
    return at;
  };
  const out = admin(
    'event',
    'brand',
    EVENT,
    '--colour',
    'background=#4a0e4e',
    '--colour',
    'accent=#ffd23f',
    '--colour',
    'onAccent=#111418',
    '--logo',
    file('logo.png', pngImage(240, 80, [250, 250, 250])),
    '--attract',
    file('uno.png', pngImage(320, 180, [230, 120, 40])),
    '--attract',
    file('dos.png', pngImage(320, 180, [40, 150, 200])),
  );
  expect(out).toContain(`Event ${EVENT} branding saved`);

  kiosk = await startKiosk();
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  const { code } = await createEnrolCode(server.db, { eventId: EVENT });
  expect(await callKiosk(kiosk, 'staff:enrol', { token, code, serverUrl: server.url })).toMatchObject({
    enrolled: true,
    lastError: null,
  });
  await callKiosk(kiosk, 'staff:lock', { token });
  await syncKiosk();
});

test.afterAll(async () => {
  await kiosk?.stop();
  await running?.close();
});

const startButton = (page: Page) => page.getByRole('button', { name: /Encuesta de impacto económico/ });
async function expectInside(page: Page, locator: Locator, what: string): Promise<void> {
  const size = page.viewportSize();
  const box = await locator.boundingBox();
  if (size === null || box === null) throw new Error(`${what}: not on screen`);
  expect(box.x, what).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, what).toBeLessThanOrEqual(size.width + 0.5);
  expect(box.y + box.height, what).toBeLessThanOrEqual(size.height + 0.5);
}

for (const viewport of KIOSK_VIEWPORTS) {
  test(`branding applied from the server at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto(kiosk.url);
    const logo = page.getByRole('img', { name: EVENT_NAME });
    await expect(logo).toBeVisible();
    // For people to look at, with the other screens (SCREENSHOTS=1, e2e/screenshots.spec.ts).
    if (process.env.SCREENSHOTS) {
      const folder = path.join(ROOT, 'screenshots', `${viewport.width}x${viewport.height}`);
      mkdirSync(folder, { recursive: true });
      await page.screenshot({ path: path.join(folder, 'branding-attract.png'), animations: 'disabled' });
    }
    await expect(page.locator('.attract-event')).toHaveText(EVENT_NAME);
    const screen = page.locator('main.attract-screen');
    await expect(screen).toHaveCSS('background-color', 'rgb(74, 14, 78)');
    await expect(page.getByRole('heading', { level: 1 })).toHaveCSS('color', 'rgb(255, 255, 255)');
    await expect(startButton(page)).toHaveCSS('background-color', 'rgb(255, 210, 63)');
    await expect(startButton(page)).toHaveCSS('color', 'rgb(17, 20, 24)');
    // The loop is decorative: hidden from assistive tech, the start button still found by role.
    const loop = page.locator('.attract-loop');
    await expect(loop).toHaveAttribute('aria-hidden', 'true');
    await expect(loop.locator('img')).toHaveCount(2);
    await expect(loop.locator('img.shown')).toHaveCount(1);
    const { scrollWidth, clientWidth } = await page.evaluate<{ scrollWidth: number; clientWidth: number }>(
      '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })',
    );
    expect(scrollWidth, 'sideways scroll').toBeLessThanOrEqual(clientWidth);
    for (const [locator, what] of [
      [logo, 'logo'],
      [loop, 'attract loop'],
      [startButton(page), 'start button'],
      [page.getByRole('button', { name: 'Personal' }), 'staff button'],
    ] as const) {
      await expectInside(page, locator, what);
    }
    await expectAccessible(page, `branded attract screen ${viewport.width}×${viewport.height}`);
  });
}

test('the attract loop cross-fades on its clock, holds still for reduced motion, and never takes a tap', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(kiosk.url);
  const loop = page.locator('.attract-loop');
  await expect(loop).toHaveAttribute('data-shown', '0');
  await page.clock.runFor(6_000);
  await expect(loop).toHaveAttribute('data-shown', '1');
  await page.clock.runFor(6_000);
  await expect(loop).toHaveAttribute('data-shown', '0');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  await expect(loop).toHaveAttribute('data-shown', '0');
  await page.clock.runFor(30_000);
  await expect(loop).toHaveAttribute('data-shown', '0');
  await expect(loop).toHaveCSS('pointer-events', 'none');

  // A tap on the start button starts the form as without branding: the attract screen is left.
  await startButton(page).click();
  await expect(page.locator('main.attract-screen')).toHaveCount(0);
});

/** Counts the page's bootstrap calls to the kiosk core from now on. */
function countBootstraps(page: Page): () => number {
  let count = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/kiosk:bootstrap') count++;
  });
  return () => count;
}

test('branding a background sync brings reaches the idle attract screen without a reload', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto(kiosk.url);
  const screen = page.locator('main.attract-screen');
  await expect(screen).toHaveCSS('background-color', 'rgb(74, 14, 78)');
  await expect(page.getByRole('img', { name: EVENT_NAME })).toBeVisible();
  // Gone if the page were loaded again.
  await page.evaluate('window.sameVisit = true');

  admin(
    'event',
    'brand',
    EVENT,
    '--colour',
    'background=#123d2b',
    '--colour',
    'primary=#7a1f2b',
    '--no-logo',
  );
  await syncKiosk();
  await page.clock.runFor(ATTRACT_REFRESH_MS);
  await expect(screen).toHaveCSS('background-color', 'rgb(18, 61, 43)');
  await expect(page.getByRole('img', { name: EVENT_NAME })).toHaveCount(0);
  await expect(page.locator('.attract-event')).toHaveText(EVENT_NAME);
  await expect(startButton(page)).toHaveCSS('background-color', 'rgb(255, 210, 63)');
  expect(await page.evaluate('window.sameVisit')).toBe(true);
  await expectAccessible(page, 'attract screen rebranded by a background sync');
});

test('a visitor mid-form keeps the look they started with until they walk away', async ({ page }) => {
  await page.clock.install();
  await page.goto(kiosk.url);
  await expect(page.locator('main.attract-screen')).toHaveCSS('background-color', 'rgb(18, 61, 43)');
  await startButton(page).click();
  await page.getByRole('button', { name: 'Español', exact: true }).click();
  const siguiente = page.getByRole('button', { name: 'Siguiente', exact: true });
  await expect(siguiente).toHaveCSS('background-color', 'rgb(122, 31, 43)');
  const heading = page.getByRole('heading', { level: 1 });
  const question = await heading.textContent();

  const bootstraps = countBootstraps(page);
  admin('event', 'brand', EVENT, '--colour', 'background=#2b2d6e', '--colour', 'primary=#1d5b35');
  await syncKiosk();
  // Two refresh periods, short of the idle timeout: the form and its colours stay as they were.
  await page.clock.runFor(2 * ATTRACT_REFRESH_MS);
  await expect(siguiente).toHaveCSS('background-color', 'rgb(122, 31, 43)');
  await expect(heading).toHaveText(question ?? '');
  expect(bootstraps(), 'bootstrap calls mid-form').toBe(0);

  // Walked away: the idle reset brings the attract screen back, with the new branding.
  await page.clock.runFor(300_000);
  await expect(page.locator('main.attract-screen')).toHaveCSS('background-color', 'rgb(43, 45, 110)');
  await startButton(page).click();
  await page.getByRole('button', { name: 'Español', exact: true }).click();
  await expect(siguiente).toHaveCSS('background-color', 'rgb(29, 91, 53)');
});

test('cleared branding gives the kiosk its own look back', async ({ page }) => {
  expect(admin('event', 'brand', EVENT, '--clear')).toContain('has no branding');
  await syncKiosk();
  await page.goto(kiosk.url);
  await expect(startButton(page)).toBeVisible();
  await expect(page.getByRole('img', { name: EVENT_NAME })).toHaveCount(0);
  await expect(page.locator('.attract-loop')).toHaveCount(0);
  await expect(page.locator('main.attract-screen')).toHaveCSS('background-color', 'rgb(11, 58, 99)');
  await expect(startButton(page)).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expectAccessible(page, 'attract screen without branding');
});
