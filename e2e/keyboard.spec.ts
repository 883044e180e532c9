// The on-screen keyboard: Shift for one letter, a double tap for capitals, names start with a
// capital, codes in capitals, a counter where the answer has a limit, matches above the keyboard.
import { expect, test } from './support/fixtures';
import { answerChoice, beginRegistration, beginSurvey, expectQuestion, next } from './support/kiosk-page';

test('Shift capitalises one letter, a double tap locks capitals, and names start with one', async ({
  page,
  kiosk,
}) => {
  await beginRegistration(page, kiosk.url, 'Por mi cuenta');
  await expectQuestion(page, 'Nombre completo');
  const keyboard = page.getByRole('group', { name: 'Teclado en pantalla' });
  const key = (name: string) => keyboard.getByRole('button', { name, exact: true });
  const field = page.getByRole('textbox', { name: 'Nombre completo' });
  const shift = keyboard.getByRole('button', { name: /^(Mayús|Bloq Mayús)$/ });

  // An empty name field: Shift is on by itself for the first letter only.
  await expect(shift).toHaveAttribute('aria-pressed', 'true');
  for (const char of ['A', 'n', 'a', 'Espacio']) await key(char).click();
  await expect(shift).toHaveAttribute('aria-pressed', 'false');
  await shift.click();
  for (const char of ['L', 'u']) await key(char).click();
  await expect(field).toHaveValue('Ana Lu');
  await expect(shift).toHaveAttribute('aria-pressed', 'false');

  await shift.dblclick();
  await expect(key('Bloq Mayús')).toHaveAttribute('aria-pressed', 'true');
  for (const char of ['Z', 'Ñ']) await key(char).click();
  await expect(field).toHaveValue('Ana LuZÑ');
  await key('Bloq Mayús').click();
  await key('o').click();
  await expect(field).toHaveValue('Ana LuZÑo');
  await expect(page.getByText('9 de 80 caracteres')).toBeVisible();

  // Emptied again, the next name starts with a capital again.
  for (let i = 0; i < 9; i += 1) await key('Borrar').click();
  await expect(field).toHaveValue('');
  await expect(shift).toHaveAttribute('aria-pressed', 'true');
});

test('the school code (CCT) is typed in capitals and says so', async ({ page, kiosk }) => {
  await beginRegistration(page, kiosk.url, 'Con mi escuela');
  await page.keyboard.type('Primaria Benito Juárez');
  await next(page);
  await expectQuestion(page, 'Clave de centro de trabajo (CCT)');
  await expect(page.getByText('Este dato se escribe en mayúsculas.')).toBeVisible();
  const keyboard = page.getByRole('group', { name: 'Teclado en pantalla' });
  for (const char of '13DPR') await keyboard.getByRole('button', { name: char, exact: true }).click();
  await page.keyboard.type('0001x');
  await expect(page.getByRole('textbox', { name: 'Clave de centro de trabajo (CCT)' })).toHaveValue(
    '13DPR0001X',
  );
});

test('a long list keeps its matches in sight above the keyboard', async ({ page, kiosk }) => {
  await beginSurvey(page, kiosk.url);
  await answerChoice(page, 'México');
  await page.getByRole('searchbox').click();
  const keyboard = page.getByRole('group', { name: 'Teclado en pantalla' });
  for (const char of 'hida') await keyboard.getByRole('button', { name: char, exact: true }).click();
  const match = page.getByRole('radio', { name: 'Hidalgo', exact: true });
  await expect(match).toBeInViewport({ ratio: 1 });
  const [matchBox, keyboardBox] = await Promise.all([match.boundingBox(), keyboard.boundingBox()]);
  expect((matchBox?.y ?? 0) + (matchBox?.height ?? 0)).toBeLessThanOrEqual(keyboardBox?.y ?? 0);
});
