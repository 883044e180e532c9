// One tap, one step: the second half of a double tap must not act on what the first half opened.
// At 1280×800, where testers saw both.
import type { Locator, Page } from '@playwright/test';
import { REGISTRATION_TITLE, expect, test } from './support/fixtures';
import { answerChoice, beginSurvey, expectQuestion } from './support/kiosk-page';

test.use({ viewport: { width: 1280, height: 800 } });

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(control: Locator): Promise<Box> {
  await expect(control).toBeEnabled();
  const box = await control.boundingBox();
  if (!box) throw new Error('the control is not on screen');
  return box;
}

/**
 * A point on the registration button that "Español" covers once the language screen shows: where
 * a double tap's second half lands on it. Measured by going there once and back.
 */
async function overlapPoint(page: Page): Promise<{ x: number; y: number }> {
  const form = await boxOf(page.getByRole('button', { name: REGISTRATION_TITLE }));
  await page.getByRole('button', { name: REGISTRATION_TITLE }).click();
  const spanish = await boxOf(page.getByRole('button', { name: 'Español', exact: true }));
  await page.getByRole('button', { name: 'Atrás' }).click();
  const left = Math.max(form.x, spanish.x);
  const right = Math.min(form.x + form.width, spanish.x + spanish.width);
  const top = Math.max(form.y, spanish.y);
  const bottom = Math.min(form.y + form.height, spanish.y + spanish.height);
  expect(right - left, 'the two buttons overlap across').toBeGreaterThan(0);
  expect(bottom - top, 'the two buttons overlap down').toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: REGISTRATION_TITLE })).toBeEnabled();
  return { x: (left + right) / 2, y: (top + bottom) / 2 };
}

async function expectLanguageScreenStays(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Elija su idioma' })).toBeVisible();
  // Still there once settled, and a deliberate tap on Español is what opens the form.
  await page.getByRole('button', { name: 'Español', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Elija su idioma' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: REGISTRATION_TITLE })).toBeVisible();
}

test('a mouse double click on a form button stops at the language screen', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const { x, y } = await overlapPoint(page);
  await page.mouse.dblclick(x, y);
  await expectLanguageScreenStays(page);
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('a double tap on a form button stops at the language screen', async ({ page, kiosk }) => {
    await page.goto(kiosk.url);
    const { x, y } = await overlapPoint(page);
    await page.touchscreen.tap(x, y);
    await page.touchscreen.tap(x, y);
    await expectLanguageScreenStays(page);
  });

  test('a double tap on Siguiente goes one page on, to the optional Sexo question', async ({
    page,
    kiosk,
  }) => {
    await beginSurvey(page, kiosk.url);
    await answerChoice(page, 'Guatemala');
    await answerChoice(page, '30 a 44', { advance: false });
    const next = await boxOf(page.getByRole('button', { name: 'Siguiente', exact: true }));
    const [x, y] = [next.x + next.width / 2, next.y + next.height / 2];
    await page.touchscreen.tap(x, y);
    await page.touchscreen.tap(x, y);
    await expectQuestion(page, 'Sexo');
    // The page is not skipped later either: the guard held the tap back, it did not delay it.
    await expect(page.getByRole('radio', { name: 'Prefiero no decir' })).toBeEnabled();
    await expectQuestion(page, 'Sexo');
  });
});
