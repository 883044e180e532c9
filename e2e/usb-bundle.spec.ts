// No network, in Chromium: staff write the kiosk's pending records from the web kiosk's staff
// screen (USB tab) into a folder, a real sync server imports it with `quiosco import
// --receipt-out`, and staff load the receipt back: the records waiting go to 0. A damaged receipt
// is refused with its words and changes nothing. Staff switch on "encrypted bundles only" there,
// by keyboard, and it is saved. Axe clean, 48 px targets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SURVEY_ANSWERS, surveySave } from '../electron/core/testing/kiosk-fixtures';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import { startSyncServer, type SyncServer } from '../sync-server/server';
import { expect, expectAccessible, test } from './support/fixtures';
import { tapKeypad } from './support/kiosk-page';
import { callKiosk, ROOT, STAFF_PIN, startKiosk, type RunningKiosk } from './support/kiosk-process';

const EVENT = 'feria_usb';
const VISITOR = 'Rosa Elvira Cano';

let server: SyncServer;
let serverDir: string;
let drive: string;
let kiosk: RunningKiosk;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  serverDir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-usb-server-'));
  drive = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-usb-drive-'));
  server = await startSyncServer({
    database: { kind: 'sqlite', dataDir: serverDir },
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    // As `quiosco server` does: the key kept in the database, so kiosks seal their bundles to it.
    keptBundleKey: { legacyDir: serverDir },
  });
  await createEvent(server.db, { id: EVENT, name: 'Feria sin red' });
  await addForm(server.db, EVENT, readFormSheets(demoFormSheets('encuesta-impacto-economico')));
  kiosk = await startKiosk();
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  const { code } = await createEnrolCode(server.db, { eventId: EVENT });
  expect(await callKiosk(kiosk, 'staff:enrol', { token, code, serverUrl: server.url })).toMatchObject({
    enrolled: true,
  });
  await callKiosk(kiosk, 'staff:lock', { token });
  // The network is gone from here on: the records are saved after the last sync.
  await server.close();
  for (let i = 0; i < 3; i++) {
    await callKiosk(
      kiosk,
      'submission:save',
      surveySave({ ...SURVEY_ANSWERS, comentarios: `${VISITOR} ${i}` }),
    );
  }
});

test.afterAll(async () => {
  await kiosk?.stop();
  rmSync(serverDir, { recursive: true, force: true });
  rmSync(drive, { recursive: true, force: true });
});

async function openUsbTab(page: Page): Promise<void> {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await tapKeypad(page, STAFF_PIN);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByRole('tab', { name: 'USB' }).click();
  await expect(page.getByRole('heading', { name: 'Sin red: datos por USB' })).toBeVisible();
}

async function submit(page: Page, field: string, button: string, value: string): Promise<void> {
  await page.getByLabel(field, { exact: true }).fill(value);
  await page.getByRole('button', { name: button, exact: true }).click();
}

test('a bundle written at the kiosk, imported by the server, and its receipt loaded back', async ({
  page,
}) => {
  await openUsbTab(page);
  await expectAccessible(page, 'staff USB tab');
  for (const name of ['Escribir paquete', 'Cargar']) {
    const box = await page.getByRole('button', { name, exact: true }).boundingBox();
    expect(box?.height, name).toBeGreaterThanOrEqual(48);
  }

  await submit(page, 'Carpeta de la memoria USB', 'Escribir paquete', drive);
  await expect(
    page.getByRole('status').filter({
      hasText:
        /^Paquete escrito: .*\. Registros: 3\. Fotos: 0\. Cifrado para el servidor: sin él nadie puede leerlo\.$/,
    }),
  ).toBeVisible();
  const [bundle] = readdirSync(drive).filter((name) => name.endsWith('.qbundle'));
  expect(bundle).toBeDefined();
  // Encrypted to the server: the visitor's answers are not on the drive in any readable form.
  expect(readFileSync(path.join(drive, bundle ?? '')).includes(VISITOR)).toBe(false);

  // At the server's machine: the coordinator imports it and writes the receipt to the drive.
  const run = spawnSync(
    process.execPath,
    [
      path.join(ROOT, 'bin', 'quiosco.js'),
      'import',
      path.join(drive, bundle ?? ''),
      '--data',
      serverDir,
      '--receipt-out',
      drive,
    ],
    { encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('3 new change(s), settled through seq 3');
  const [receipt] = readdirSync(drive).filter((name) => name.endsWith('.qkiosk'));
  expect(receipt).toBeDefined();

  // A damaged copy first: refused in the kiosk's words, nothing confirmed.
  const damagedDir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-usb-damaged-'));
  const text = readFileSync(path.join(drive, receipt ?? ''), 'utf8');
  const damaged = path.join(damagedDir, receipt ?? '');
  writeFileSync(damaged, text.replace('"ackedThroughSeq":3', '"ackedThroughSeq":2'));
  await submit(page, 'Archivo o carpeta de la memoria USB', 'Cargar', damaged);
  await expect(
    page.getByRole('status').filter({ hasText: 'El archivo está dañado en la memoria. No se aplicó nada.' }),
  ).toBeVisible();
  rmSync(damagedDir, { recursive: true, force: true });
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  expect((await callKiosk(kiosk, 'staff:status', { token })).pendingSync).toBe(3);

  await submit(page, 'Archivo o carpeta de la memoria USB', 'Cargar', drive);
  await expect(
    page.getByRole('status').filter({
      hasText:
        'Archivos cargados: 1. Registros confirmados: 3 (rechazados: 0). Fotos confirmadas: 0. Cambios aplicados: 0. Pendientes: 0.',
    }),
  ).toBeVisible();
  expect((await callKiosk(kiosk, 'staff:status', { token })).pendingSync).toBe(0);
  await page.getByRole('tab', { name: 'Sincronización' }).click();
  await expectAccessible(page, 'staff sync tab after the receipt');
});

test('staff require encrypted bundles with a labelled switch, by keyboard, kept after a reload', async ({
  page,
}) => {
  await openUsbTab(page);
  const require = page.getByRole('checkbox', { name: 'Escribir paquetes solo cifrados' });
  await expect(require).not.toBeChecked();
  await expect(require).toHaveAccessibleDescription(
    /^Los paquetes se escriben solo cifrados para el servidor.*se niega a escribir un paquete\.$/,
  );
  // The whole label is the touch target.
  const label = page.locator('label', { has: require });
  expect((await label.boundingBox())?.height).toBeGreaterThanOrEqual(48);
  await require.focus();
  await page.keyboard.press('Space');
  await expect(require).toBeChecked();
  await expectAccessible(page, 'staff USB tab with the encryption setting');
  await page.getByRole('button', { name: 'Guardar cambios', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Cambios guardados.' })).toBeVisible();
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  expect((await callKiosk(kiosk, 'staff:config', { token })).settings.requireSealedBundles).toBe(true);

  await openUsbTab(page);
  await expect(page.getByRole('checkbox', { name: 'Escribir paquetes solo cifrados' })).toBeChecked();
});
