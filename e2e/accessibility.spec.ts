// axe-core on every kiosk screen: no serious or critical violation.
import { configureKiosk, STAFF_PIN } from './support/kiosk-process';
import { REGISTRATION_TITLE, SURVEY_TITLE, expect, expectAccessible, test } from './support/fixtures';
import { answerChoice, expectQuestion, next, openForm, tapKeypad } from './support/kiosk-page';

test('attract, language, question types, privacy notice and pass screens', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: REGISTRATION_TITLE })).toBeVisible();
  await expectAccessible(page, 'attract');
  await page.getByRole('button', { name: REGISTRATION_TITLE }).click();
  await expectAccessible(page, 'language');
  await page.getByRole('button', { name: 'Español', exact: true }).click();
  await expectAccessible(page, 'privacy notice');
  await next(page);
  await answerChoice(page, 'No');
  await expectAccessible(page, 'choice question with a validation message');
  await answerChoice(page, 'Sí');
  await answerChoice(page, 'Por mi cuenta');
  await expectAccessible(page, 'text question with on-screen keyboard');
  await page.keyboard.type('Ana Pérez');
  await next(page);
  await answerChoice(page, '6 a 12 años');
  await next(page);
  await expectAccessible(page, 'long list with filter');
  await answerChoice(page, 'Hidalgo');
  await answerChoice(page, 'Actopan');
  await next(page); // the review of answers, where Enviar is
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByText('Este es su pase de visitante')).toBeVisible();
  await expectAccessible(page, 'thank-you with visitor pass');
});

test('survey note, number and likert questions', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await openForm(page, SURVEY_TITLE);
  await expectAccessible(page, 'note');
  await next(page);
  await answerChoice(page, 'Sí');
  await answerChoice(page, 'Otro país');
  for (const label of ['Menos de 18', 'Otro', 'Primaria', 'No']) await answerChoice(page, label);
  await expectQuestion(page, '¿Cuántas veces ha venido antes?');
  await expectAccessible(page, 'number question with keypad');
  await tapKeypad(page, '2');
  await next(page);
  await answerChoice(page, 'Página web');
  await answerChoice(page, 'Comprar productos locales');
  await tapKeypad(page, '1');
  await next(page);
  await answerChoice(page, 'Taxi o plataforma');
  await answerChoice(page, 'No');
  for (let i = 0; i < 4; i++) {
    await tapKeypad(page, '0');
    await next(page);
  }
  await expectQuestion(page, '¿Qué tan satisfecho está con la Muestra?');
  await expectAccessible(page, 'likert question');
});

test('idle warning, PIN screen, staff screen and the end screen', async ({ page, kiosk }) => {
  await configureKiosk(kiosk, (settings) => {
    settings.idleTimeoutSeconds = 15;
    settings.idleWarningSeconds = 20;
  });
  await page.goto(kiosk.url);
  await openForm(page, REGISTRATION_TITLE, 'English');
  await expect(page.getByRole('alertdialog')).toBeVisible({ timeout: 20_000 });
  await expectAccessible(page, 'idle warning');
  await page.getByRole('button', { name: "I'm still here" }).click();
  await page.reload();

  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await expectAccessible(page, 'PIN screen');
  await tapKeypad(page, STAFF_PIN);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Estado del quiosco' })).toBeVisible();
  await expectAccessible(page, 'staff screen');
  await page.getByRole('tab', { name: 'Ajustes del quiosco' }).click();
  await page.getByRole('button', { name: 'Salir del modo quiosco' }).click();
  await expectAccessible(page, 'leaving kiosk mode, confirmation');
  await page.getByRole('button', { name: 'Sí, salir' }).click();
  await expect(page.getByRole('heading', { name: 'Modo quiosco terminado' })).toBeVisible();
  await expectAccessible(page, 'kiosk mode ended');
});
