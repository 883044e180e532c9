// What a visitor does on the kiosk, by role and visible text.
import { expect, type Page } from '@playwright/test';

export async function openForm(
  page: Page,
  title: RegExp,
  language: 'Español' | 'English' = 'Español',
): Promise<void> {
  await page.getByRole('button', { name: title }).click();
  await page.getByRole('button', { name: language, exact: true }).click();
}

export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Siguiente', exact: true }).click();
}

/** Picks one option (radio or checkbox) by its label and goes on. */
export async function answerChoice(
  page: Page,
  label: string,
  opts: { advance?: boolean } = {},
): Promise<void> {
  await page
    .getByRole('radio', { name: label, exact: true })
    .or(page.getByRole('checkbox', { name: label, exact: true }))
    .click();
  if (opts.advance ?? true) await next(page);
}

/** Taps digits on the on-screen numeric keypad. */
export async function tapKeypad(page: Page, digits: string, keypadName = 'Teclado numérico'): Promise<void> {
  const keypad = page.getByRole('group', { name: keypadName });
  for (const digit of digits) await keypad.getByRole('button', { name: digit, exact: true }).click();
}

/** Types text on the on-screen keyboard, key by key as labelled (a capital only where Shift is on). */
export async function tapKeyboard(page: Page, text: string): Promise<void> {
  const keyboard = page.getByRole('group', { name: 'Teclado en pantalla' });
  for (const char of text) {
    const name = char === ' ' ? 'Espacio' : char;
    await keyboard.getByRole('button', { name, exact: true }).click();
  }
}

export async function expectQuestion(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { name: text })).toBeVisible();
}

/** From the attract screen past the privacy notice, accepting it, to the kind of visitor. */
export async function beginRegistration(page: Page, url: string, visitorKind: string): Promise<void> {
  await page.goto(url);
  await openForm(page, /Registro de visitantes/);
  await next(page);
  await answerChoice(page, 'Sí');
  await answerChoice(page, visitorKind);
}

/** From the attract screen past the introduction, agreeing to take part. */
export async function beginSurvey(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await openForm(page, /Encuesta de impacto económico/);
  await next(page);
  await answerChoice(page, 'Sí');
}
