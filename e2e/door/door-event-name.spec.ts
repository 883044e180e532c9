// The event's name, not its id, on a door kiosk enrolled with a real sync server: on the door screen
// under the gate and on the staff screen's status. A name is typed by people: a right-to-left
// override stays inside it and markup stays text.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEvent } from '../../sync-server/events/events-store';
import { startSyncServer, type SyncServer } from '../../sync-server/server';
import { enrolledDoorKiosk, openDoorScreen } from '../support/door-setup';
import type { RunningKiosk } from '../support/kiosk-process';

const GATE = 'Puerta Norte';
const EVENT_ID = 'feria_libro_2026';
const EVENT_NAME = 'Feria del \u202eLibro <b>2026</b>';

let server: SyncServer;
let serverDir: string;
let kiosk: RunningKiosk | undefined;

test.beforeAll(async () => {
  serverDir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-server-'));
  server = await startSyncServer({
    database: { kind: 'sqlite', dataDir: serverDir },
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
  });
  await createEvent(server.db, { id: EVENT_ID, name: EVENT_NAME });
});

test.afterAll(async () => {
  await kiosk?.stop();
  await server?.close();
  rmSync(serverDir, { recursive: true, force: true });
});

test('door and staff screens name the event as the server calls it', async ({ page }) => {
  kiosk = await enrolledDoorKiosk(server, EVENT_ID, GATE);
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
