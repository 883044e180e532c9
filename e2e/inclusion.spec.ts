// Larger text: asked for on the attract screen, kept through the visitor's form, gone for the next.
import { REGISTRATION_TITLE, expect, expectAccessible, test } from './support/fixtures';

test('larger text lasts one visitor', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  const toggle = page.getByRole('button', { name: 'Letra más grande' });
  // A string, not a function: this file is type-checked without the DOM library.
  const rootSize = async () =>
    Number(await page.evaluate('parseFloat(getComputedStyle(document.documentElement).fontSize)'));
  const normal = await rootSize();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(rootSize).toBeGreaterThan(normal);
  await expectAccessible(page, 'attract with larger text');

  await page.getByRole('button', { name: REGISTRATION_TITLE }).click();
  await expect(page.getByRole('heading', { name: 'Elija su idioma' })).toBeVisible();
  expect(await rootSize()).toBeGreaterThan(normal);
  await page.getByRole('button', { name: 'Atrás' }).click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(rootSize).toBe(normal);
});
