// Staff: PIN, lockout, kiosk settings, leaving kiosk mode.
import { REGISTRATION_TITLE, SURVEY_TITLE, expect, test } from './support/fixtures';
import { tapKeypad } from './support/kiosk-page';
import { STAFF_PIN } from './support/kiosk-process';
import type { Page } from '@playwright/test';

async function enterPin(page: Page, pin: string): Promise<void> {
  await tapKeypad(page, pin);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
}

test('staff unlock with the PIN, see the counts, change the offered forms, then lock', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Acceso del personal' })).toBeVisible();
  await enterPin(page, '9999');
  await expect(page.getByText('PIN incorrecto. Le quedan 4 intentos.')).toBeVisible();
  await enterPin(page, STAFF_PIN);

  await expect(page.getByRole('heading', { name: 'Estado del quiosco' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: /^0$/ })).toHaveCount(3);

  const surveyRow = page.getByRole('group', { name: SURVEY_TITLE });
  await surveyRow.getByRole('checkbox', { name: SURVEY_TITLE }).uncheck();
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByText('Cambios guardados.')).toBeVisible();
  await page.getByRole('button', { name: 'Bloquear' }).click();

  await expect(page.getByRole('button', { name: REGISTRATION_TITLE })).toBeVisible();
  await expect(page.getByRole('button', { name: SURVEY_TITLE })).toHaveCount(0);
});

test('five wrong PINs lock the staff screen for a minute, counting down with Entrar disabled', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  for (const left of [
    'Le quedan 4 intentos.',
    'Le quedan 3 intentos.',
    'Le quedan 2 intentos.',
    'Le queda 1 intento.',
  ]) {
    await enterPin(page, '0000');
    await expect(page.getByText(`PIN incorrecto. ${left}`)).toBeVisible();
  }
  await enterPin(page, '0000');
  await expect(page.getByText(/Demasiados intentos\. Espere (60|59) segundos\./)).toBeVisible();
  const enter = page.getByRole('button', { name: 'Entrar', exact: true });
  await expect(enter).toBeDisabled();
  await expect(page.getByText(/Demasiados intentos\. Espere 5[0-7] segundos\./)).toBeVisible({
    timeout: 10_000,
  });
  // Not even the right PIN goes through while locked.
  await tapKeypad(page, STAFF_PIN);
  await expect(enter).toBeDisabled();
  await expect(page.getByRole('heading', { name: 'Estado del quiosco' })).toHaveCount(0);
});

test('leaving kiosk mode needs the PIN and ends the kiosk', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await enterPin(page, STAFF_PIN);
  await page.getByRole('button', { name: 'Salir del modo quiosco' }).click();
  await expect(page.getByRole('heading', { name: 'Modo quiosco terminado' })).toBeVisible();
});
