// The event's name, not its id, on a door kiosk enrolled with a real sync server: on the door screen
// under the gate and on the staff screen's status. A name is typed by people: a right-to-left
// override stays inside it and markup stays text.
import { expect, test } from '@playwright/test';
import { createEvent } from '../../sync-server/events/events-store';
import { enrolledDoorKiosk, openDoorScreen } from '../support/door-setup';
import { startE2eServer, type E2eServer } from '../support/e2e-server';
import type { RunningKiosk } from '../support/kiosk-process';

const GATE = 'Puerta Norte';
const EVENT_ID = 'feria_libro_2026';
const EVENT_NAME = 'Feria del \u202eLibro <b>2026</b>';

let running: E2eServer;
let kiosk: RunningKiosk | undefined;

test.beforeAll(async () => {
  running = await startE2eServer('server');
  await createEvent(running.server.db, { id: EVENT_ID, name: EVENT_NAME });
});

test.afterAll(async () => {
  await kiosk?.stop();
  await running?.close();
});

test('door and staff screens name the event as the server calls it', async ({ page }) => {
  kiosk = await enrolledDoorKiosk(running.server, EVENT_ID, GATE);
  await openDoorScreen(page, kiosk, GATE);
  const event = page.locator('.door-event');
  await expect(event).toHaveText(`Evento: ${EVENT_NAME}`);
  await expect(event.locator('bdi')).toHaveText(EVENT_NAME);
  await expect(event.locator('b')).toHaveCount(0);

  await page.getByRole('button', { name: 'Ajustes y sincronización' }).click();
  await expect(page.getByRole('heading', { name: 'Estado del quiosco' })).toBeVisible();
  const shown = page.getByRole('definition').filter({ hasText: EVENT_NAME });
  await expect(shown).toHaveText(EVENT_NAME);
  await expect(shown.locator('bdi')).toHaveText(EVENT_NAME);
  await expect(shown.locator('b')).toHaveCount(0);
  await expect(page.getByRole('definition').filter({ hasText: EVENT_ID })).toHaveCount(0);
});
