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
  // Saved today and in total; the records waiting are under Sincronización.
  await expect(page.getByRole('definition').filter({ hasText: /^0$/ })).toHaveCount(2);

  await page.getByRole('tab', { name: 'Formularios' }).click();
  const surveyRow = page.getByRole('group', { name: SURVEY_TITLE });
  await surveyRow.getByRole('checkbox', { name: SURVEY_TITLE }).uncheck();
  const saveButton = page.getByRole('button', { name: 'Guardar cambios' });
  await saveButton.click();
  // Said beside the button, where staff are looking, and announced.
  const saved = page.getByRole('status').filter({ hasText: 'Cambios guardados.' });
  await expect(saved).toBeVisible();
  const [buttonBox, savedBox] = await Promise.all([saveButton.boundingBox(), saved.boundingBox()]);
  expect(Math.abs((savedBox?.y ?? 0) - (buttonBox?.y ?? 0))).toBeLessThan(120);
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

test('leaving kiosk mode needs the PIN and a confirmation, then ends the kiosk', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await enterPin(page, STAFF_PIN);
  await page.getByRole('tab', { name: 'Ajustes del quiosco' }).click();
  const exit = page.getByRole('button', { name: 'Salir del modo quiosco' });
  // A double tap asks only: "Sí, salir" appears where the finger was and ignores the second tap.
  await exit.dblclick();
  const confirm = page.getByRole('group', { name: /¿Salir del modo quiosco\?/ });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'No, seguir' })).toBeFocused();
  await confirm.getByRole('button', { name: 'No, seguir' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Personal', level: 1 })).toBeVisible();

  await exit.click();
  await page.getByRole('button', { name: 'Sí, salir' }).click();
  await expect(page.getByRole('heading', { name: 'Modo quiosco terminado' })).toBeVisible();
});

test('staff sections are tabs that arrow keys move between', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await enterPin(page, STAFF_PIN);
  const state = page.getByRole('tab', { name: 'Estado' });
  await expect(state).toHaveAttribute('aria-selected', 'true');
  await state.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Sincronización' })).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Sincronización' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Puerta' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('group', { name: 'Uso del quiosco' })).toBeVisible();
  await page.keyboard.press('Home');
  await expect(state).toHaveAttribute('aria-selected', 'true');
});

test('a new staff PIN needs 6 to 8 digits, said before the kiosk core is asked', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await page.getByRole('button', { name: 'Personal', exact: true }).click();
  await enterPin(page, STAFF_PIN);
  await page.getByRole('tab', { name: 'Ajustes del quiosco' }).click();
  await page.getByRole('button', { name: 'Cambiar PIN' }).click();
  await tapKeypad(page, '2468');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.getByText('El nuevo PIN debe tener de 6 a 8 dígitos.')).toBeVisible();
  await expect(page.getByLabel('Nuevo PIN', { exact: true })).toBeVisible();
});
