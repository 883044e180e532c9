// Screenshots of every visitor, staff and door screen at the four kiosk sizes, for people to look
// at (not compared by any test). Runs only with SCREENSHOTS=1: `npm run screenshots` writes
// screenshots/<width>x<height>/NN-name.png (the folder is git-ignored).
import type { Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { REGISTRATION_TITLE, SURVEY_TITLE, expect, test } from './support/fixtures';
import { answerChoice, expectQuestion, next, openForm, tapKeypad } from './support/kiosk-page';
import { ROOT, STAFF_PIN, configureKiosk, makeKioskData, startKiosk } from './support/kiosk-process';
import { KIOSK_VIEWPORTS } from './support/viewports';

test.skip(!process.env.SCREENSHOTS, 'screenshots are taken by `npm run screenshots` (SCREENSHOTS=1)');

const GATE = 'Puerta Norte';

/** Numbered shots into this viewport's folder, in the order they are taken. */
function camera(page: Page, group: string) {
  const size = page.viewportSize();
  const folder = path.join(ROOT, 'screenshots', `${size?.width}x${size?.height}`);
  mkdirSync(folder, { recursive: true });
  let count = 0;
  return async (name: string): Promise<void> => {
    count += 1;
    const file = `${group}-${String(count).padStart(2, '0')}-${name}.png`;
    await page.screenshot({ path: path.join(folder, file), animations: 'disabled', caret: 'hide' });
  };
}

for (const viewport of KIOSK_VIEWPORTS) {
  test.describe(`${viewport.width}x${viewport.height}`, () => {
    test.use({ viewport });

    test('visitor screens', async ({ page, kiosk }) => {
      const shot = camera(page, 'visitor');
      await page.goto(kiosk.url);
      await expect(page.getByRole('button', { name: REGISTRATION_TITLE })).toBeVisible();
      await shot('attract');
      await page.getByRole('button', { name: REGISTRATION_TITLE }).click();
      await shot('language');
      await page.getByRole('button', { name: 'Español', exact: true }).click();
      await shot('privacy-notice');
      await next(page);
      await shot('choice');
      await answerChoice(page, 'No');
      await shot('choice-refused');
      await answerChoice(page, 'Sí');
      await shot('visitor-kind');
      await answerChoice(page, 'Por mi cuenta');
      await page.keyboard.type('Ana Pérez Téllez');
      await shot('text-keyboard');
      await next(page);
      await shot('age');
      await answerChoice(page, '30 a 59 años');
      await page.keyboard.type('ana@');
      await shot('email-keyboard');
      await page.keyboard.type('ejemplo.mx');
      await next(page);
      await shot('long-list');
      await answerChoice(page, 'Hidalgo');
      await page.getByRole('searchbox', { name: 'Buscar en la lista' }).click();
      await shot('list-filter');
      await page.keyboard.type('pachuca');
      await answerChoice(page, 'Pachuca de Soto');
      await shot('multiple-choice');
      await answerChoice(page, 'Talleres');
      await shot('yes-no');
      await answerChoice(page, 'Sí');
      await expect(page.getByRole('heading', { name: 'Revise sus respuestas' })).toBeVisible();
      await shot('review');
      await page.getByRole('button', { name: 'Enviar' }).click();
      await expect(page.getByText('Este es su pase de visitante')).toBeVisible();
      await shot('pass');
      await page.getByRole('button', { name: 'Terminar' }).click();

      await openForm(page, SURVEY_TITLE);
      await shot('survey-intro');
      await next(page);
      await answerChoice(page, 'Sí');
      await answerChoice(page, 'Otro país');
      for (const label of ['60 o más', 'Prefiero no decir', 'Posgrado', 'No'])
        await answerChoice(page, label);
      await expectQuestion(page, '¿Cuántas veces ha venido antes?');
      await tapKeypad(page, '12');
      await shot('number-keypad');
      await next(page);
      await answerChoice(page, 'Radio o televisión', { advance: false });
      await answerChoice(page, 'Cartelera digital de Cultura', { advance: false });
      await shot('select-multiple');
      await next(page);
      await answerChoice(page, 'Comprar productos locales');
      await tapKeypad(page, '3');
      await next(page);
      await answerChoice(page, 'Taxi o plataforma');
      await answerChoice(page, 'No');
      await next(page);
      await shot('group-hint-required');
      for (let i = 0; i < 4; i++) {
        await tapKeypad(page, '150');
        await next(page);
      }
      await shot('likert');
      await answerChoice(page, 'Muy satisfecho');
      await tapKeypad(page, '10');
      await next(page);
      await page.keyboard.type('Todo muy bien organizado, gracias. ');
      await shot('multiline');
      await next(page);
      await shot('survey-review');
      await page.getByRole('button', { name: 'Cambiar idioma' }).click();
      await page.getByRole('button', { name: 'English', exact: true }).click();
      await shot('survey-review-english');
    });

    test('idle warning', async ({ page, kiosk }) => {
      await configureKiosk(kiosk, (settings) => {
        settings.idleTimeoutSeconds = 15;
        settings.idleWarningSeconds = 5;
      });
      await page.clock.install();
      await page.goto(kiosk.url);
      await openForm(page, SURVEY_TITLE);
      await page.clock.fastForward(10_000);
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await camera(page, 'visitor-idle')('warning');
    });

    test('staff screens', async ({ page, kiosk }) => {
      const shot = camera(page, 'staff');
      await page.goto(kiosk.url);
      await page.getByRole('button', { name: 'Personal', exact: true }).click();
      await tapKeypad(page, STAFF_PIN.slice(0, 3));
      await shot('pin');
      await tapKeypad(page, STAFF_PIN.slice(3));
      await page.getByRole('button', { name: 'Entrar', exact: true }).click();
      await expect(page.getByRole('heading', { name: 'Estado del quiosco' })).toBeVisible();
      await shot('status');
      for (const tab of ['Sincronización', 'Formularios', 'Ajustes del quiosco', 'Puerta']) {
        await page.getByRole('tab', { name: tab }).click();
        await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible();
        await shot(`tab-${tab.toLowerCase().replace(/\W+/g, '-')}`);
      }
      await page.getByRole('tab', { name: 'Ajustes del quiosco' }).click();
      await page.getByRole('button', { name: 'Salir del modo quiosco' }).click();
      await shot('exit-confirmation');
      await page.getByRole('button', { name: 'No, seguir' }).click();
      await page.getByRole('tab', { name: 'Estado', exact: true }).click();
      await page.getByRole('button', { name: 'Abrir registros de campo' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Registros de campo' })).toBeVisible();
      await shot('field-records');
    });

    test('door screens', async ({ page }) => {
      const dataDir = makeKioskData();
      const bin = path.join(ROOT, 'bin', 'quiosco.js');
      const init = spawnSync(
        process.execPath,
        [bin, 'kiosk', 'init', '--data', dataDir, '--mode', 'door', '--gate', GATE],
        { encoding: 'utf8' },
      );
      expect(init.status, init.stderr).toBe(0);
      const door = await startKiosk(dataDir);
      try {
        const shot = camera(page, 'door');
        await page.goto(door.url);
        await expect(page.getByRole('heading', { name: `${GATE}: control de acceso` })).toBeVisible();
        await shot('locked');
        await page.getByRole('button', { name: 'Abrir con PIN de personal' }).click();
        await tapKeypad(page, STAFF_PIN);
        await page.getByRole('button', { name: 'Entrar', exact: true }).click();
        await expect(page.getByText('Escáner USB listo')).toBeVisible();
        await shot('check-in');
        await page.keyboard.type('TAQ-9999');
        await page.keyboard.press('Enter');
        await expect(page.locator('[data-verdict]')).toBeVisible();
        await shot('verdict');
      } finally {
        await door.stop();
      }
    });
  });
}
