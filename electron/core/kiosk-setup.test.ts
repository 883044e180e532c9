import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { CallFailure } from '../../shared/ipc/result';
import { kioskDatabasePath, openKioskDatabase } from './db/kiosk-database';
import { KioskNotInitializedError, openKioskCore } from './kiosk-core';
import { DEFAULT_PRIVACY_NOTICE, initKiosk } from './kiosk-setup';
import { DEMO_FORMS_DIR, makeTempDir } from './testing/kiosk-fixtures';

let dir: ReturnType<typeof makeTempDir>;
afterEach(() => dir.remove());

describe('initKiosk', () => {
  it('creates database, forms, default settings and PIN in a new directory', async () => {
    dir = makeTempDir();
    const dataDir = `${dir.path}/nested/kiosk`;
    const report = await initKiosk({ dataDir, formsDir: DEMO_FORMS_DIR, pin: '123456' });
    expect(report).toMatchObject({
      settingsCreated: true,
      pinSet: true,
      hasPin: true,
      databasePath: `${dataDir}/kiosk.db`,
    });
    expect(report.imported.map((f) => f.status)).toEqual(['imported', 'imported', 'imported']);
    expect(report.settings).toEqual({
      deviceName: hostname(),
      eventId: 'demo',
      offeredForms: [
        { formId: 'registro_visitantes', onIdle: 'discard' },
        { formId: 'encuesta_impacto_economico', onIdle: 'keep' },
      ],
      languages: ['es', 'en'],
      defaultLanguage: 'es',
      idleTimeoutSeconds: 90,
      idleWarningSeconds: 20,
      privacyNotice: DEFAULT_PRIVACY_NOTICE,
      mode: 'visitor',
      gate: 'Puerta 1',
      keepAcknowledgedDays: 30,
    });
    const core = openKioskCore({ dataDir });
    expect(core.deviceId).toBe(report.deviceId);
    core.close();
  });

  it('is idempotent, keeps settings and device id, and applies the options it is given', async () => {
    dir = makeTempDir();
    const first = await initKiosk({ dataDir: dir.path, formsDir: DEMO_FORMS_DIR, defaultPin: '1234' });
    const again = await initKiosk({
      dataDir: dir.path,
      formsDir: DEMO_FORMS_DIR,
      defaultPin: '5678',
      eventId: 'muestra_2026',
    });
    expect(again.deviceId).toBe(first.deviceId);
    expect(again).toMatchObject({ settingsCreated: false, pinSet: false, hasPin: true });
    expect(again.imported.map((f) => f.status)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.settings).toEqual({ ...first.settings, eventId: 'muestra_2026' });

    const core = openKioskCore({ dataDir: dir.path });
    expect(await core.dispatch('staff:unlock', { pin: '1234' })).toMatchObject({ ok: true });
    core.close();
  });

  it('says whether the default PIN is still in effect: set now, set before, or changed since', async () => {
    dir = makeTempDir();
    const first = await initKiosk({ dataDir: dir.path, defaultPin: '1234' });
    const again = await initKiosk({ dataDir: dir.path, defaultPin: '1234' });
    expect([first, again].map((r) => [r.pinSet, r.defaultPinInEffect])).toEqual([
      [true, true],
      [false, true],
    ]);
    await initKiosk({ dataDir: dir.path, pin: '246810' });
    expect(await initKiosk({ dataDir: dir.path, defaultPin: '1234' })).toMatchObject({
      pinSet: false,
      defaultPinInEffect: false,
    });
    expect(await initKiosk({ dataDir: dir.path })).toMatchObject({ defaultPinInEffect: false });
  });

  it('without forms, offers nothing and sets no PIN', async () => {
    dir = makeTempDir();
    const report = await initKiosk({ dataDir: dir.path });
    expect(report).toMatchObject({ imported: [], settingsCreated: true, pinSet: false, hasPin: false });
    expect(report.settings.offeredForms).toEqual([]);
  });

  it('refuses a bad PIN or event id, leaving the directory as it was', async () => {
    dir = makeTempDir();
    for (const pin of ['12ab', '1234', '12345', '123456789']) {
      await expect(initKiosk({ dataDir: `${dir.path}/a`, pin })).rejects.toThrow(
        new CallFailure('invalid_input', 'The staff PIN must be 6 to 8 digits'),
      );
    }
    await expect(initKiosk({ dataDir: `${dir.path}/a`, defaultPin: '12ab' })).rejects.toThrow(
      new CallFailure('invalid_input', 'PIN must be 4 to 8 digits'),
    );
    expect(existsSync(`${dir.path}/a`)).toBe(false);
    await expect(
      initKiosk({ dataDir: dir.path, formsDir: DEMO_FORMS_DIR, pin: '123456', eventId: 'con espacios' }),
    ).rejects.toThrow('settings: ✖ not a valid XLSForm name\n  → at eventId');
    await expect(initKiosk({ dataDir: dir.path })).resolves.toMatchObject({
      imported: [],
      settingsCreated: true,
      hasPin: false,
    });
  });

  it('installs .xlsx workbooks, and refuses a broken one at its cell before writing anything', async () => {
    dir = makeTempDir();
    const forms = `${dir.path}/forms`;
    mkdirSync(forms);
    const book = async (relevant: string): Promise<Uint8Array> => {
      const workbook = new ExcelJS.Workbook();
      workbook.addWorksheet('survey').addRows([
        ['type', 'name', 'label', 'relevant'],
        ['integer', 'edad', 'Edad', ''],
        ['text', 'nombre', 'Nombre', relevant],
      ]);
      workbook.addWorksheet('settings').addRows([
        ['form_id', 'version', 'form_title'],
        ['libro', '1', 'Libro'],
      ]);
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    };
    writeFileSync(`${forms}/libro.xlsx`, await book('${edad} > 17'));
    const report = await initKiosk({ dataDir: `${dir.path}/kiosk`, formsDir: forms });
    expect(report.imported).toMatchObject([{ formId: 'libro', version: '1', status: 'imported' }]);

    writeFileSync(`${forms}/libro.xlsx`, await book('${nada} = 1'));
    await expect(initKiosk({ dataDir: `${dir.path}/other`, formsDir: forms })).rejects.toThrow(
      'libro.xlsx: survey!D3, column "relevant": ${nada} is not a question of this form',
    );
    expect(existsSync(`${dir.path}/other/kiosk.db`)).toBe(true);
    const db = openKioskDatabase(`${dir.path}/other`);
    expect(db.prepare('SELECT count(*) AS n FROM forms').get()).toEqual({ n: 0 });
    db.close();
  });

  it('must run before the core opens a directory', () => {
    dir = makeTempDir();
    openKioskDatabase(dir.path).close();
    expect(() => openKioskCore({ dataDir: dir.path })).toThrow(KioskNotInitializedError);
    expect(() => openKioskCore({ dataDir: dir.path })).toThrow(
      `${kioskDatabasePath(dir.path)} holds no kiosk settings: set the kiosk up first with "quiosco kiosk init --data ${dir.path}".`,
    );
  });
});
