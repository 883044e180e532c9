// The review of answers before Enviar: every answer under its question in the visitor's
// language, skipped optional ones as "Sin respuesta", a "Cambiar" on each that opens the page and
// comes back; by touch and by keyboard, axe clean, every button at least 48 px tall.
import type { Page } from '@playwright/test';
import { expect, expectAccessible, storedSubmissions, test } from './support/fixtures';
import { answerChoice, beginRegistration, beginSurvey, expectQuestion, next } from './support/kiosk-page';

/** The review's row for a question: its answer, and its Cambiar button. */
function row(page: Page, question: string) {
  return page.getByRole('listitem').filter({ has: page.getByText(question, { exact: true }) });
}

async function reachReview(page: Page, url: string): Promise<void> {
  await beginRegistration(page, url, 'Por mi cuenta');
  await page.keyboard.type('Ana Ruiz');
  await next(page);
  await answerChoice(page, '18 a 29 años');
  await next(page); // no email
  await answerChoice(page, 'Puebla');
  await answerChoice(page, 'Talleres');
  await expect(page.getByRole('heading', { level: 2, name: 'Revise sus respuestas' })).toBeFocused();
}

test('lists the answers, omits the notice, and Cambiar goes to the page and back', async ({
  page,
  kiosk,
}) => {
  await reachReview(page, kiosk.url);
  await expect(page.getByRole('progressbar', { name: 'Avance' })).toHaveAttribute('aria-valuenow', '100');
  await expect(row(page, '¿Acepta el aviso de privacidad?')).toContainText('Sí');
  await expect(row(page, 'Nombre completo')).toContainText('Ana Ruiz');
  await expect(row(page, '¿Cuál es su edad?')).toContainText('18 a 29 años');
  await expect(row(page, 'Correo electrónico (opcional)')).toContainText('Sin respuesta');
  await expect(row(page, '¿Qué le interesa de la Feria?')).toContainText('Talleres');
  await expect(page.getByText(/Aviso de privacidad simplificado/)).toHaveCount(0);
  const changes = page.getByRole('button', { name: 'Cambiar', exact: true });
  await expect(changes).toHaveCount(7);
  for (const box of await changes.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().height))) {
    expect(box).toBeGreaterThanOrEqual(48);
  }
  await expectAccessible(page, 'review of answers');

  // By touch: Cambiar on the name, a new name, and straight back to the review.
  await row(page, 'Nombre completo').getByRole('button', { name: 'Cambiar', exact: true }).click();
  await expectQuestion(page, 'Nombre completo');
  const name = page.getByRole('textbox', { name: 'Nombre completo' });
  await expect(name).toHaveValue('Ana Ruiz');
  await name.fill('Ana Ruiz Téllez');
  await expect(page.getByRole('button', { name: 'Enviar' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Volver a la revisión' }).click();
  await expect(row(page, 'Nombre completo')).toContainText('Ana Ruiz Téllez');

  // By keyboard: the button is reached and pressed with Enter; the change is kept.
  await row(page, 'Correo electrónico (opcional)')
    .getByRole('button', { name: 'Cambiar', exact: true })
    .focus();
  await page.keyboard.press('Enter');
  await expectQuestion(page, 'Correo electrónico (opcional)');
  await page.keyboard.type('ana@ejemplo.mx');
  await page.keyboard.press('Enter');
  await expect(row(page, 'Correo electrónico (opcional)')).toContainText('ana@ejemplo.mx');
  // An email brings in the newsletter question: it is listed, unanswered, to be changed if wished.
  await expect(row(page, '¿Quiere recibir noticias de actividades culturales?')).toContainText(
    'Sin respuesta',
  );

  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByText('Este es su pase de visitante')).toBeVisible();
  expect(storedSubmissions(kiosk)[0]?.answers).toMatchObject({
    nombre: 'Ana Ruiz Téllez',
    correo: 'ana@ejemplo.mx',
    estado: 'pue',
  });
});

test("reads in the visitor's language after a change of language on the review", async ({ page, kiosk }) => {
  await reachReview(page, kiosk.url);
  await page.getByRole('button', { name: 'Cambiar idioma' }).click();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Check your answers' })).toBeVisible();
  await expect(row(page, 'Do you accept the privacy notice?')).toContainText('Yes');
  await expect(row(page, 'How old are you?')).toContainText('18 to 29');
  await expect(row(page, 'Email (optional)')).toContainText('No answer');
  await expect(page.getByRole('button', { name: 'Change', exact: true })).toHaveCount(7);
  await expectAccessible(page, 'review of answers in English');
  // Atrás from the review is the last page.
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expectQuestion(page, 'What interests you at the Fair?');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
});

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('a double tap on the last Siguiente stops at the review: Enviar under the finger is not pressed', async ({
    page,
    kiosk,
  }) => {
    await beginSurvey(page, kiosk.url);
    await page.getByRole('button', { name: 'Atrás' }).click();
    await answerChoice(page, 'No', { advance: false });
    const button = page.getByRole('button', { name: 'Siguiente', exact: true });
    await expect(button).toBeEnabled();
    const box = await button.boundingBox();
    if (!box) throw new Error('Siguiente is not on screen');
    const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.touchscreen.tap(x, y);
    await page.touchscreen.tap(x, y);
    await expect(page.getByRole('heading', { name: 'Revise sus respuestas' })).toBeVisible();
    // Settled: still the review, nothing saved; a deliberate tap on Enviar is what sends.
    await expect(page.getByRole('button', { name: 'Enviar' })).toBeEnabled();
    expect(storedSubmissions(kiosk)).toEqual([]);
    await page.getByRole('button', { name: 'Enviar' }).click();
    await expect(page.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();
  });
});
