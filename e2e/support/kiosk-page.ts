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

/** Types lower-case text on the on-screen keyboard. */
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
