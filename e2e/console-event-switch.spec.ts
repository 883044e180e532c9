// Switching event in the console, in Chromium against a real sync server: while the new event's
// first read is out, the kiosks page says it is loading and never shows the last event's kiosks
// under the new event's name. The new event's read is held at the browser until the test has looked
// (then sent on to the server unchanged), so what is looked at is the moment between, every run.
import { expect, test, type Page, type Route } from '@playwright/test';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createConsoleUsers, signInToConsole } from './support/console-page';

let t: TestServer;

/** Holds the console's reads of an event's kiosks at the browser: `read` is the first, once it comes. */
async function holdKioskRead(page: Page, eventId: string): Promise<{ read: Promise<Route> }> {
  let held: (route: Route) => void = () => undefined;
  const heldRead = new Promise<Route>((resolve) => (held = resolve));
  await page.route(
    (url) => url.pathname === '/console/api/kiosks' && url.searchParams.get('eventId') === eventId,
    (route) => held(route),
  );
  return { read: heldRead };
}
let first: string;
let second: string;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  // With a form each: the exports page offers its filters only for an event with forms.
  first = await t.createEvent(['encuesta-impacto-economico']);
  second = await t.createEvent(['encuesta-impacto-economico']);
  await t.enrol(first, 'Quiosco del primer evento');
  await t.enrol(second, 'Quiosco del segundo evento');
  await createConsoleUsers(t, { coordinadora: 'coordinator', estadistica: 'statistician' });
});
test.afterAll(async () => {
  await t.close();
});

test("after an event switch, the page shows loading until the new event's kiosks come, never the old ones", async ({
  page,
}) => {
  await signInToConsole(page, t.url, 'coordinadora');
  await page.getByRole('link', { name: 'Quioscos' }).click();
  const picker = page.getByRole('combobox', { name: 'Evento' });
  await picker.selectOption(first);
  const rows = page.getByTestId('kiosk-row');
  await expect(rows).toHaveText([/Quiosco del primer evento/]);

  const held = await holdKioskRead(page, second);
  // From the switch on, any moment the page draws the first event's kiosk under the second event
  // is counted, not only the moment the test looks.
  // (A script in text: e2e code has no DOM types.)
  await page.evaluate(`{
    const select = document.querySelector('.event-picker select');
    window.oldSeen = 0;
    new MutationObserver(() => {
      if (select.value === ${JSON.stringify(second)} && document.body.innerText.includes('Quiosco del primer evento'))
        window.oldSeen += 1;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }`);
  await picker.selectOption(second);
  const route = await held.read;
  await expect(picker).toHaveValue(second);
  await expect(page.getByText('Cargando…')).toBeVisible();
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('Quiosco del primer evento')).toHaveCount(0);

  await route.continue();
  await expect(rows).toHaveText([/Quiosco del segundo evento/]);
  await expect(page.getByText('Cargando…')).toHaveCount(0);
  expect(await page.evaluate('window.oldSeen')).toBe(0);
});

test("the exports page's kiosk filter never offers the last event's kiosks under the new event", async ({
  page,
}) => {
  await signInToConsole(page, t.url, 'estadistica');
  await page.getByRole('link', { name: 'Exportaciones' }).click();
  const picker = page.getByRole('combobox', { name: 'Evento' });
  await picker.selectOption(first);
  const offered = page.getByRole('combobox', { name: 'Quiosco' }).getByRole('option');
  await expect(offered).toHaveText(['Todos los quioscos', 'Quiosco del primer evento']);

  const held = await holdKioskRead(page, second);
  await picker.selectOption(second);
  const route = await held.read;
  await expect(picker).toHaveValue(second);
  await expect(offered).toHaveText(['Todos los quioscos']);

  await route.continue();
  await expect(offered).toHaveText(['Todos los quioscos', 'Quiosco del segundo evento']);
});
