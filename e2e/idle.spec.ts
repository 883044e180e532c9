// Idle reset: a visitor who walks away leaves no trace for the next one. The page's clock is
// Playwright's: the test moves time on, so a busy machine changes nothing.
import type { Page } from '@playwright/test';
import { configureKiosk } from './support/kiosk-process';
import { REGISTRATION_TITLE, SURVEY_TITLE, expect, storedSubmissions, test } from './support/fixtures';
import {
  answerChoice,
  beginRegistration,
  beginSurvey,
  expectQuestion,
  next,
  openForm,
} from './support/kiosk-page';

const SECRET_NAME = 'Zacarías Únicoapellido';

test.beforeEach(async ({ kiosk, page }) => {
  await configureKiosk(kiosk, (settings) => {
    settings.idleTimeoutSeconds = 15;
    settings.idleWarningSeconds = 5;
  });
  await page.clock.install();
});

/** The visitor stays away for this long. */
const awayFor = (page: Page, seconds: number) => page.clock.fastForward(seconds * 1000);

test('after the warning, a half-filled registration is discarded and nothing of it remains', async ({
  page,
  kiosk,
}) => {
  await beginRegistration(page, kiosk.url, 'Por mi cuenta');
  await page.keyboard.type(SECRET_NAME);

  const warning = page.getByRole('alertdialog', { name: '¿Sigue ahí?' });
  await awayFor(page, 10);
  await expect(warning).toBeVisible();
  await awayFor(page, 5);
  await expect(page.getByRole('button', { name: REGISTRATION_TITLE })).toBeVisible();
  await expect(warning).toBeHidden();

  expect(await page.content()).not.toContain(SECRET_NAME);
  expect(await page.evaluate('[localStorage.length, sessionStorage.length]')).toEqual([0, 0]);
  expect(storedSubmissions(kiosk)).toEqual([]);

  // The next visitor starts from nothing.
  await openForm(page, REGISTRATION_TITLE);
  await next(page);
  await expect(page.getByRole('radio', { name: 'Sí', exact: true })).not.toBeChecked();
  await answerChoice(page, 'Sí');
  await answerChoice(page, 'Por mi cuenta');
  await expect(page.getByRole('textbox', { name: 'Nombre completo' })).toHaveValue('');
});

test('"Sigo aquí" keeps the visitor where they were', async ({ page, kiosk }) => {
  await beginRegistration(page, kiosk.url, 'Por mi cuenta');
  await page.keyboard.type('Ana');
  await awayFor(page, 10);
  await page.getByRole('button', { name: 'Sigo aquí' }).click();
  await expect(page.getByRole('alertdialog')).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Nombre completo' })).toHaveValue('Ana');
});

test('a survey set to keep incomplete answers saves them as incomplete on idle reset', async ({
  page,
  kiosk,
}) => {
  await beginSurvey(page, kiosk.url);
  await answerChoice(page, 'Canadá');
  await expectQuestion(page, '¿Cuál es su edad?');
  await awayFor(page, 10);
  await expect(page.getByRole('alertdialog')).toBeVisible();
  await awayFor(page, 5);
  await expect(page.getByRole('button', { name: SURVEY_TITLE })).toBeVisible();

  // The reset answers at once; the save it started commits a moment later.
  await expect.poll(() => storedSubmissions(kiosk).length).toBe(1);
  const saved = storedSubmissions(kiosk);
  expect(saved[0]).toMatchObject({ form_id: 'encuesta_impacto_economico', complete: 0 });
  expect(saved[0]?.answers).toEqual({ acepta: 'si', pais: 'ca', gasto_total: 0 });
});
