// A real-world XLSForm installed as an .xlsx workbook: Hñähñu labels beside Spanish, a cascading
// estado → municipio list (choice_filter), a default, ${name} in a label and choice images
// (media::image, installed from the workbook's NAME-media/ folder and served by the kiosk). Filled
// at the kiosk in Chromium, switching language mid-form; the saved answers are read from SQLite.
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodePng } from '../cli/demo-data/png-image';
import { expect, expectAccessible, storedSubmissions, test as base } from './support/fixtures';
import { ROOT, STAFF_PIN, startKiosk, type RunningKiosk } from './support/kiosk-process';
import { expectQuestion, next } from './support/kiosk-page';

const TITLE = /Feria de los pueblos/;

async function writeWorkbook(file: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('survey').addRows([
    ['type', 'name', 'label::Hñähñu (oto)', 'label::Español (es)', 'required', 'default', 'choice_filter'],
    ['text', 'nombre', '¿Te ar thuhu?', '¿Cómo te llamas?', 'yes', '', ''],
    ['select_one estados', 'estado', '¿Habu gi ehe?', '¿De qué estado vienes?', 'yes', '', ''],
    [
      'select_one municipios',
      'municipio',
      '¿Ha ndähni?',
      '¿De qué municipio?',
      'yes',
      '',
      'estado=${estado}',
    ],
    ['integer', 'visitas', '¿Hanja ya bese gi ehe?', '¿Cuántas veces has venido?', '', '1', ''],
    [
      'select_one frutas',
      'fruta',
      '${nombre}, ¿te ar fruta gi ho?',
      '${nombre}, ¿qué fruta prefieres?',
      '',
      '',
      '',
    ],
  ]);
  book.addWorksheet('choices').addRows([
    ['list_name', 'name', 'label::Hñähñu (oto)', 'label::Español (es)', 'estado', 'media::image'],
    ['estados', 'hgo', 'Hidalgo', 'Hidalgo', '', ''],
    ['estados', 'qro', 'Querétaro', 'Querétaro', '', ''],
    ['municipios', 'ixmiquilpan', 'Nts’utk’ani', 'Ixmiquilpan', 'hgo', ''],
    ['municipios', 'pachuca', 'Pachuca', 'Pachuca', 'hgo', ''],
    ['municipios', 'amealco', 'Amealco', 'Amealco', 'qro', ''],
    ['frutas', 'durazno', 'Dexni', 'Durazno', '', 'durazno.png'],
    ['frutas', 'tuna', 'Kähä', 'Tuna', '', 'tuna.png'],
  ]);
  book.addWorksheet('settings').addRows([
    ['form_id', 'version', 'form_title::Español (es)', 'form_title::Hñähñu (oto)', 'default_language'],
    ['feria_pueblos', '2026120101', 'Feria de los pueblos', 'Ñ’oni ya hnini', 'Hñähñu (oto)'],
  ]);
  await book.xlsx.writeFile(file);
}

const test = base.extend<{ kiosk: RunningKiosk }>({
  kiosk: async ({}, use) => {
    const forms = mkdtempSync(path.join(os.tmpdir(), 'quiosco-xlsx-'));
    const data = mkdtempSync(path.join(os.tmpdir(), 'quiosco-e2e-'));
    await writeWorkbook(path.join(forms, 'feria-pueblos.xlsx'));
    // The durazno's image travels with the workbook; the tuna's is missing, so its label stands alone.
    mkdirSync(path.join(forms, 'feria-pueblos-media'));
    const peach = encodePng(48, 32, (x) => [240, 150 + x, 60]);
    writeFileSync(path.join(forms, 'feria-pueblos-media', 'durazno.png'), peach);
    const init = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'quiosco.js'),
        'kiosk',
        'init',
        '--data',
        data,
        '--pin-stdin',
        '--forms',
        forms,
      ],
      { encoding: 'utf8', input: `${STAFF_PIN}\n` },
    );
    if (init.status !== 0) throw new Error(`kiosk init failed: ${init.stderr}`);
    const kiosk = await startKiosk(data);
    await use(kiosk);
    await kiosk.stop();
    rmSync(forms, { recursive: true, force: true });
  },
});

test('an .xlsx with Hñähñu labels is filled in Hñähñu, then Spanish, and saved as answered', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: TITLE }).click();
  // The form's languages by their own names; the kiosk's own words stay in Spanish.
  await expect(page.getByRole('button', { name: 'Hñähñu', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Español', exact: true })).toBeVisible();
  await expectAccessible(page, 'language screen');
  await page.getByRole('button', { name: 'Hñähñu', exact: true }).click();

  await expectQuestion(page, '¿Te ar thuhu?');
  // Text questions start with a capital: a physical keyboard types it.
  await page.keyboard.type('Xua');
  await next(page);
  await expectQuestion(page, '¿Habu gi ehe?');
  await page.getByRole('radio', { name: 'Hidalgo', exact: true }).click();
  await next(page);
  // The municipalities of Hidalgo only.
  await expectQuestion(page, '¿Ha ndähni?');
  await expect(page.getByRole('radio')).toHaveCount(2);
  await expect(page.getByRole('radio', { name: 'Amealco' })).toHaveCount(0);
  await expectAccessible(page, 'cascading choice');
  await page.getByRole('radio', { name: 'Nts’utk’ani', exact: true }).click();
  await next(page);

  // The default is there to keep or change.
  await expectQuestion(page, '¿Hanja ya bese gi ehe?');
  await expect(page.getByRole('textbox', { name: /Hanja ya bese/ })).toHaveValue('1');

  // Mid-form, to Spanish: the answers stay.
  await page.getByRole('button', { name: 'Cambiar idioma' }).click();
  await page.getByRole('button', { name: 'Español', exact: true }).click();
  await expectQuestion(page, '¿Cuántas veces has venido?');
  await expect(page.getByRole('textbox', { name: /Cuántas veces/ })).toHaveValue('1');
  await next(page);

  // ${nombre} in the label; the durazno's image loads from the kiosk, the tuna shows its label alone.
  await expectQuestion(page, 'Xua, ¿qué fruta prefieres?');
  const peach = page.locator('label', { has: page.getByRole('radio', { name: 'Durazno' }) }).locator('img');
  await expect(peach).toHaveAttribute('src', 'form-media/feria_pueblos/durazno.png?version=2026120101');
  await expect
    // naturalWidth stays 0 until the image has loaded (e2e code has no DOM types, hence Reflect).
    .poll(() => peach.evaluate((img) => Number(Reflect.get(img, 'naturalWidth'))))
    .toBe(48);
  await expect(
    page.locator('label', { has: page.getByRole('radio', { name: 'Tuna' }) }).locator('img'),
  ).toHaveCount(0);
  await expectAccessible(page, 'choice with images');
  await page.getByRole('radio', { name: 'Tuna', exact: true }).click();
  await next(page); // the review of answers, where Enviar is
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();

  const [saved, ...rest] = storedSubmissions(kiosk);
  expect(rest).toEqual([]);
  expect(saved).toMatchObject({ form_id: 'feria_pueblos', complete: 1, language: 'es' });
  expect(saved?.answers).toEqual({
    nombre: 'Xua',
    estado: 'hgo',
    municipio: 'ixmiquilpan',
    visitas: 1,
    fruta: 'tuna',
  });
});
