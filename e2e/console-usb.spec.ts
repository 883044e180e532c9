// The console's USB section in Chromium against a real sync server: a web kiosk writes its records
// to a USB folder while the server is unreachable; the coordinator uploads that .qbundle on the
// kiosks page and sees the counts, and the records are on the server; a cut copy is refused in
// words with nothing written; the kiosk's .qkiosk downloads from its row. Axe clean, 48 px targets.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { SURVEY_ANSWERS, surveySave } from '../electron/core/testing/kiosk-fixtures';
import { demoFormSheets } from '../shared/forms/node/demo-forms';
import { createUser } from '../sync-server/console/accounts';
import { createEnrolCode } from '../sync-server/devices/devices-store';
import { addForm, createEvent, readFormSheets } from '../sync-server/events/events-store';
import { startSyncServer, type SyncServer } from '../sync-server/server';
import { CONSOLE_PASSWORD, signInToConsole } from './support/console-page';
import { expect, test } from './support/fixtures';
import { callKiosk, STAFF_PIN, startKiosk, type RunningKiosk } from './support/kiosk-process';

const EVENT = 'feria_usb_consola';

let server: SyncServer;
let serverDir: string;
let drive: string;
let kiosk: RunningKiosk;
let bundle: string;

const start = () =>
  startSyncServer({
    database: { kind: 'sqlite', dataDir: serverDir },
    host: '127.0.0.1',
    port: 0,
    logLevel: 'silent',
    // As `quiosco server` does: the key kept in the database, so the kiosk seals its bundle to it.
    keptBundleKey: { legacyDir: undefined },
  });

const records = async () =>
  Number(
    (
      await server.db.db
        .selectFrom('submissions')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test.beforeAll(async () => {
  serverDir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-console-usb-'));
  drive = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-console-usb-drive-'));
  server = await start();
  await createEvent(server.db, { id: EVENT, name: 'Feria sin red' });
  await addForm(server.db, EVENT, readFormSheets(demoFormSheets('encuesta-impacto-economico')));
  await createUser(server.db, { username: 'coordinadora', role: 'coordinator', password: CONSOLE_PASSWORD });
  kiosk = await startKiosk();
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  const { code } = await createEnrolCode(server.db, { eventId: EVENT });
  expect(await callKiosk(kiosk, 'staff:enrol', { token, code, serverUrl: server.url })).toMatchObject({
    enrolled: true,
  });
  // The network is gone from here on: the records are saved after the last sync.
  await server.close();
  for (let i = 0; i < 3; i++) {
    await callKiosk(kiosk, 'submission:save', surveySave({ ...SURVEY_ANSWERS, comentarios: `visita ${i}` }));
  }
  const written = await callKiosk(kiosk, 'staff:write-bundle', { token, directory: drive });
  expect(written).toMatchObject({ sealed: true, records: 3 });
  bundle = written.file;
  // Back at the office: the server runs again on the same data, the kiosk still unreachable.
  server = await start();
});

test.afterAll(async () => {
  await kiosk?.stop();
  await server?.close();
  rmSync(serverDir, { recursive: true, force: true });
  rmSync(drive, { recursive: true, force: true });
});

test('a coordinator imports a kiosk bundle on the kiosks page; a cut copy is refused in words', async ({
  page,
}) => {
  await signInToConsole(page, server.url, 'coordinadora');
  await page.getByRole('link', { name: 'Quioscos' }).click();
  const section = page.getByTestId('usb-section');
  await expect(section.getByRole('heading', { name: 'USB: registros sin red' })).toBeVisible();
  const file = section.getByLabel('Archivo del quiosco (.qbundle)');
  const importButton = section.getByRole('button', { name: 'Importar', exact: true });
  const row = page.getByTestId('kiosk-row');
  await expect(row).toHaveCount(1);
  const download = row.getByRole('link', { name: /^Descargar el archivo USB \(\.qkiosk\) del quiosco / });
  for (const [what, target] of [
    ['file', file],
    ['import', importButton],
    ['download', download],
  ] as const) {
    expect((await target.boundingBox())?.height, what).toBeGreaterThanOrEqual(48);
  }

  // A copy cut short on the drive: said in the console's words, nothing stored.
  const bytes = readFileSync(bundle);
  const cutDir = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-console-usb-cut-'));
  const cut = path.join(cutDir, path.basename(bundle));
  writeFileSync(cut, bytes.subarray(0, bytes.length - 100));
  await file.setInputFiles(cut);
  await importButton.click();
  await expect(section.getByRole('alert')).toHaveText(
    'No se importó nada. El archivo cifrado está dañado, cortado o desordenado. Cópielo otra vez del quiosco.',
  );
  rmSync(cutDir, { recursive: true, force: true });
  expect(await records()).toBe(0);

  await file.setInputFiles(bundle);
  await importButton.click();
  const result = section.getByTestId('usb-result');
  await expect(result).toHaveAttribute('role', 'status');
  await expect(result).toContainText(/^Se importó el archivo del quiosco .+\./);
  await expect(result.getByRole('listitem')).toHaveText([
    'Registros nuevos: 3',
    'Asentado hasta el registro número 3',
    'Fotos guardadas: 0',
    'Fotos que ya estaban: 0',
  ]);
  expect(await records()).toBe(3);
  const { violations } = await new AxeBuilder({ page }).include('[data-testid="usb-section"]').analyze();
  expect(violations.map((v) => v.id)).toEqual([]);

  // Again: nothing new.
  await file.setInputFiles(bundle);
  await importButton.click();
  await expect(result.getByRole('listitem').first()).toHaveText('Registros nuevos: 0');
  expect(await records()).toBe(3);

  const [saved] = await Promise.all([page.waitForEvent('download'), download.click()]);
  expect(saved.suggestedFilename()).toMatch(/^quiosco-setup-.*\.qkiosk$/);
  const out = path.join(drive, saved.suggestedFilename());
  await saved.saveAs(out);
  const { token } = await callKiosk(kiosk, 'staff:unlock', { pin: STAFF_PIN });
  expect(await callKiosk(kiosk, 'staff:load-bundle', { token, path: out })).toMatchObject({
    acknowledged: 3,
    pending: 0,
  });
  expect(readdirSync(serverDir).filter((f) => f.startsWith('.quiosco-'))).toEqual([]);
});
