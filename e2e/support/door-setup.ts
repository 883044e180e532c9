// Door setup for e2e tests: the sync server only gives the door stream (ticket keys, lists, other
// gates' scans) to kiosks it knows are doors, so a test door is marked one on the server too.
import { expect, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createEnrolCode, setDeviceMode } from '../../sync-server/devices/devices-store';
import type { SyncServer } from '../../sync-server/server';
import { tapKeypad } from './kiosk-page';
import { callKiosk, makeKioskData, ROOT, STAFF_PIN, startKiosk, type RunningKiosk } from './kiosk-process';

/** The kiosk's own device id, read from its SQLite file. */
export function kioskDeviceId(kiosk: RunningKiosk): string {
  const db = new Database(path.join(kiosk.dataDir, 'kiosk.db'), { readonly: true });
  try {
    const row = db.prepare('SELECT device_id FROM device').get() as { device_id: string } | undefined;
    if (!row) throw new Error('the kiosk has no device id yet');
    return row.device_id;
  } finally {
    db.close();
  }
}

/**
 * Marks an enrolled kiosk as a door on the server, as `quiosco admin device mode … door` does. Still
 * right once kiosks say their mode at enrolment: marking a door a door again changes nothing.
 */
export async function markAsDoor(server: SyncServer, kiosk: RunningKiosk): Promise<void> {
  await setDeviceMode(server.db, kioskDeviceId(kiosk), 'door');
}

/** A web kiosk in door mode at `gate`, enrolled into `eventId` with the server and synced once. */
export async function enrolledDoorKiosk(
  server: SyncServer,
  eventId: string,
  gate: string,
): Promise<RunningKiosk> {
  const dataDir = makeKioskData();
  const init = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'quiosco.js'),
      'kiosk',
      'init',
      '--data',
      dataDir,
      '--mode',
      'door',
      '--gate',
      gate,
    ],
    { encoding: 'utf8' },
  );
  expect(init.status, init.stderr).toBe(0);
  const kiosk = await startKiosk(dataDir);
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  const { code } = await createEnrolCode(server.db, { eventId });
  expect(await callKiosk(kiosk, 'staff:enrol', { token, code, serverUrl: server.url })).toMatchObject({
    enrolled: true,
    lastError: null,
  });
  await markAsDoor(server, kiosk);
  await callKiosk(kiosk, 'staff:sync-now', { token });
  await callKiosk(kiosk, 'staff:lock', { token });
  return kiosk;
}

/** The door screen of `kiosk` at `gate`, opened with the staff PIN, ready for entries. */
export async function openDoorScreen(page: Page, kiosk: RunningKiosk, gate: string): Promise<void> {
  await page.goto(kiosk.url);
  await expect(page.getByRole('heading', { name: `${gate}: control de acceso` })).toBeVisible();
  await page.getByRole('button', { name: 'Abrir con PIN de personal' }).click();
  await tapKeypad(page, STAFF_PIN);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Entrada', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByText('Escáner USB listo')).toBeVisible();
}
