// A reload mid-form brings the visitor back to the same page with their answers; after an idle
// reset, a submit or starting over, a reload shows the attract screen and nothing is kept.
import type { Page } from '@playwright/test';
import { configureKiosk } from './support/kiosk-process';
import { REGISTRATION_TITLE, SURVEY_TITLE, expect, storedSubmissions, test } from './support/fixtures';
import { answerChoice, beginRegistration, beginSurvey, expectQuestion } from './support/kiosk-page';

const KEY = 'quiosco.visitor-session';
const SECRET_NAME = 'Zacarías Únicoapellido';

// Strings, not functions: the e2e files are type-checked without the DOM library.
const kept = (page: Page) => page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(KEY)})`);
const storageSize = (page: Page) => page.evaluate<number>('sessionStorage.length');

async function expectAttract(page: Page): Promise<void> {
  await expect(page.getByRole('button', { name: SURVEY_TITLE })).toBeVisible();
  await expect(page.getByRole('button', { name: REGISTRATION_TITLE })).toBeVisible();
  expect(await storageSize(page)).toBe(0);
}

test('three answers, a reload: the same page, the answers and the progress are back', async ({
  page,
  kiosk,
}) => {
  await beginSurvey(page, kiosk.url); // the first answer: Sí
  await answerChoice(page, 'México');
  await answerChoice(page, 'Hidalgo');
  await expectQuestion(page, '¿En qué municipio vive?');
  const bar = page.getByRole('progressbar', { name: 'Avance' });
  const progress = await bar.getAttribute('aria-valuetext');
  expect(progress).toBe('Paso 5 de 27');

  await page.reload();
  await expectQuestion(page, '¿En qué municipio vive?');
  await expect(bar).toHaveAttribute('aria-valuetext', progress ?? '');
  await page.getByRole('button', { name: 'Atrás' }).click();
  await expect(page.getByRole('radio', { name: 'Hidalgo', exact: true })).toBeChecked();
  await page.getByRole('button', { name: 'Atrás' }).click();
  await expect(page.getByRole('radio', { name: 'México', exact: true })).toBeChecked();

  // Starting over (the language screen's Atrás) keeps nothing.
  await page.getByRole('button', { name: 'Cambiar idioma' }).click();
  await page.getByRole('button', { name: 'Atrás' }).click();
  await expectAttract(page);
  await page.reload();
  await expectAttract(page);
  // The survey keeps incomplete answers on leaving: that one save, and no second one from a restore.
  await expect.poll(() => storedSubmissions(kiosk).map((row) => row.complete)).toEqual([0]);
});

test('after an idle reset a reload shows the attract screen with nothing restored', async ({
  page,
  kiosk,
}) => {
  await configureKiosk(kiosk, (settings) => {
    settings.idleTimeoutSeconds = 15;
    settings.idleWarningSeconds = 5;
  });
  await page.clock.install();
  await beginRegistration(page, kiosk.url, 'Por mi cuenta');
  await page.keyboard.type(SECRET_NAME);
  await expect.poll(() => kept(page)).toContain(SECRET_NAME);

  await page.clock.fastForward(10_000);
  await expect(page.getByRole('alertdialog', { name: '¿Sigue ahí?' })).toBeVisible();
  await page.clock.fastForward(5_000);
  await expectAttract(page);

  await page.reload();
  await expectAttract(page);
  expect(await page.content()).not.toContain(SECRET_NAME);
  expect(storedSubmissions(kiosk)).toEqual([]);
});

test('after a submit a reload shows the attract screen, and the visitor is saved once', async ({
  page,
  kiosk,
}) => {
  await beginSurvey(page, kiosk.url);
  await answerChoice(page, 'Canadá');
  await page.getByRole('button', { name: 'Atrás' }).click();
  await page.getByRole('button', { name: 'Atrás' }).click();
  await answerChoice(page, 'No'); // to the review
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();
  expect(await storageSize(page)).toBe(0);

  await page.reload();
  await expectAttract(page);
  expect(storedSubmissions(kiosk).map((row) => [row.complete, row.answers])).toEqual([[1, { acepta: 'no' }]]);
});

test('a kept copy that is not one of ours is dropped, not restored', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await expect(page.getByRole('button', { name: SURVEY_TITLE })).toBeVisible();
  for (const bad of [
    '{not json',
    JSON.stringify({ formId: 'encuesta_impacto_economico', pageIndex: -1 }),
    JSON.stringify({
      formId: 'no_such_form',
      formVersion: '1',
      screen: 'form',
      languages: ['es'],
      language: 'es',
      answers: { acepta: 'si' },
      pageIndex: 1,
      startedAt: '2026-11-14T16:30:00.000Z',
      reviewing: false,
      fromReview: false,
      progressFloors: [],
    }),
  ]) {
    await page.evaluate(`sessionStorage.setItem(${JSON.stringify(KEY)}, ${JSON.stringify(bad)})`);
    await page.reload();
    await expectAttract(page);
  }
});
