// The economic-impact survey, end to end, along its skip paths.
import { SURVEY_TITLE, expect, storedSubmissions, test } from './support/fixtures';
import {
  answerChoice,
  beginSurvey,
  expectQuestion,
  next,
  openForm,
  tapKeyboard,
  tapKeypad,
} from './support/kiosk-page';

test('a visitor who declines ends the survey at once, and that answer is saved', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await openForm(page, SURVEY_TITLE);
  await expectQuestion(page, /Encuesta de impacto económico y social/);
  await next(page);
  await answerChoice(page, 'No', { advance: false });
  await next(page); // the review of answers, where Enviar is
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();

  const [saved, ...rest] = storedSubmissions(kiosk);
  expect(rest).toEqual([]);
  expect(saved).toMatchObject({
    form_id: 'encuesta_impacto_economico',
    complete: 1,
    language: 'es',
    pass_id: null,
  });
  expect(saved?.answers).toEqual({ acepta: 'no' });
});

test('a visitor from Hidalgo staying overnight answers every branch; the total is computed', async ({
  page,
  kiosk,
}) => {
  await beginSurvey(page, kiosk.url);
  await answerChoice(page, 'México');
  await page.getByRole('radio', { name: 'Hidalgo', exact: true }).click();
  await next(page);
  // 84 municipalities: the list has a filter typed on the on-screen keyboard.
  await expectQuestion(page, '¿En qué municipio vive?');
  await page.getByRole('searchbox', { name: 'Buscar en la lista' }).click();
  await tapKeyboard(page, 'santiago');
  await expect(page.getByRole('radio')).toHaveCount(2);
  await answerChoice(page, 'Santiago de Anaya');
  await answerChoice(page, '30 a 44');
  await answerChoice(page, 'Mujer');
  await answerChoice(page, 'Licenciatura');
  await answerChoice(page, 'No');
  await expectQuestion(page, '¿Cuántas veces ha venido antes?');
  await tapKeypad(page, '3');
  await next(page);
  await answerChoice(page, 'Redes sociales', { advance: false });
  await answerChoice(page, 'Otro');
  await expectQuestion(page, '¿Por qué otro medio?');
  // A text answer starts with a capital: Shift is on by itself for the first letter.
  await tapKeyboard(page, 'Periódico');
  await next(page);
  await answerChoice(page, 'Probar la comida tradicional');
  await tapKeypad(page, '4');
  await next(page);
  await answerChoice(page, 'Auto propio');
  await answerChoice(page, 'Sí');
  await expectQuestion(page, '¿Cuántas noches?');
  await tapKeypad(page, '2');
  await next(page);
  await answerChoice(page, 'Hotel');
  for (const amount of ['850.5', '400', '1200', '300', '0']) {
    await tapKeypad(page, amount);
    await next(page);
  }
  await answerChoice(page, 'Muy satisfecho');
  await tapKeypad(page, '9');
  await next(page);
  await page.keyboard.type('¡Muy rica la barbacoa! 👩‍🍳');
  await next(page); // the review of answers, where Enviar is
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();

  const [saved] = storedSubmissions(kiosk);
  expect(saved?.answers).toEqual({
    acepta: 'si',
    pais: 'mx',
    estado: 'hgo',
    municipio: 'santiago_de_anaya',
    edad: '30_44',
    sexo: 'mujer',
    escolaridad: 'licenciatura',
    primera_vez: 'no',
    veces_anteriores: 3,
    como_se_entero: ['redes', 'otro'],
    como_se_entero_otro: 'Periódico',
    motivo: 'gastronomia',
    tamano_grupo: 4,
    transporte: 'auto',
    pernocta: 'si',
    noches: 2,
    hospedaje: 'hotel',
    gasto_alimentos: 850.5,
    gasto_artesanias: 400,
    gasto_hospedaje: 1200,
    gasto_transporte: 300,
    gasto_otros: 0,
    gasto_total: 2750.5,
    satisfaccion: '5',
    recomendaria: 9,
    comentarios: '¡Muy rica la barbacoa! 👩‍🍳',
  });
});

test('a visitor from abroad skips state, municipality and lodging; a bad group size is shown, then fixed', async ({
  page,
  kiosk,
}) => {
  await page.goto(kiosk.url);
  await openForm(page, SURVEY_TITLE, 'English');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('radio', { name: 'Yes', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('radio', { name: 'United States', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  // No state or municipality question: straight to the visitor profile.
  await expect(page.getByRole('heading', { name: 'How old are you?' })).toBeVisible();
  for (const label of [
    '18 to 29',
    'Prefer not to say',
    'Postgraduate',
    'Yes',
    'I already knew it',
    'Work or business',
  ]) {
    await page
      .getByRole('radio', { name: label, exact: true })
      .or(page.getByRole('checkbox', { name: label, exact: true }))
      .click();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
  }
  await expect(page.getByRole('heading', { name: /How many people are in your group/ })).toBeVisible();
  await tapKeypad(page, '0', 'Number pad');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Enter a number between 1 and 60')).toBeVisible();
  await expect(page.getByRole('heading', { name: /How many people are in your group/ })).toBeVisible();
  await page.getByRole('textbox', { name: /How many people are in your group/ }).fill('2');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText('Enter a number between 1 and 60')).toHaveCount(0);
  await page.getByRole('radio', { name: 'Coach', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('radio', { name: 'No', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  // Not staying overnight: no nights, lodging or lodging spend.
  await expect(page.getByRole('heading', { name: 'Food and drinks at the Fair' })).toBeVisible();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.type('100');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
  }
  await page.getByRole('radio', { name: 'Satisfied', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.keyboard.type('10');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click(); // the review of answers
  await page.getByRole('button', { name: 'Submit', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  const [saved] = storedSubmissions(kiosk);
  expect(saved?.language).toBe('en');
  expect(saved?.answers).toEqual({
    acepta: 'si',
    pais: 'us',
    edad: '18_29',
    sexo: 'prefiero_no',
    escolaridad: 'posgrado',
    primera_vez: 'si',
    como_se_entero: ['ya_conocia'],
    motivo: 'trabajo',
    tamano_grupo: 2,
    transporte: 'autobus',
    pernocta: 'no',
    gasto_alimentos: 100,
    gasto_artesanias: 100,
    gasto_transporte: 100,
    gasto_otros: 100,
    gasto_total: 400,
    satisfaccion: '4',
    recomendaria: 10,
  });
});
