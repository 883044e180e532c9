// Visitor registration: privacy notice first, the paths by kind of visitor, the visitor pass.
import { passNumber, spacedPassNumber } from '../renderer/src/screens/pass-number';
import { encodeVisitorPass } from '../shared/passes/visitor-pass';
import { REGISTRATION_TITLE, expect, storedSubmissions, test } from './support/fixtures';
import { answerChoice, beginRegistration, expectQuestion, next, openForm } from './support/kiosk-page';
import { readQr } from './support/qr';

test('the privacy notice comes first, with its QR code, and must be accepted', async ({ page, kiosk }) => {
  await page.goto(kiosk.url);
  await openForm(page, REGISTRATION_TITLE);
  await expect(page.getByText(/Aviso de privacidad simplificado/)).toBeVisible();
  const noticeQr = page.getByRole('img', { name: 'Código QR del aviso de privacidad integral' });
  expect(await readQr(noticeQr)).toBe('https://cultura.hidalgo.gob.mx/aviso-de-privacidad');
  await next(page);
  await answerChoice(page, 'No');
  await expect(page.getByText('Para registrarse debe aceptar el aviso')).toBeVisible();
  await expectQuestion(page, '¿Acepta el aviso de privacidad?');
  await answerChoice(page, 'Sí');
  await expectQuestion(page, '¿Cómo nos visita?');
});

test('a visitor on their own registers and gets a pass whose QR holds the pass id', async ({
  page,
  kiosk,
}) => {
  await beginRegistration(page, kiosk.url, 'Por mi cuenta');
  await expectQuestion(page, 'Nombre completo');
  await page.keyboard.type("Zoë O'Brien-Núñez; DROP TABLE submissions;--");
  await next(page);
  await answerChoice(page, '18 a 29 años');
  await expectQuestion(page, 'Correo electrónico (opcional)');
  await page.keyboard.type('zoe@ejemplo');
  await next(page);
  await expect(page.getByText('Revise el correo')).toBeVisible();
  await page.keyboard.type('.mx');
  await next(page);
  await answerChoice(page, 'Hidalgo');
  await answerChoice(page, 'Pachuca de Soto');
  await answerChoice(page, 'Talleres', { advance: false });
  await answerChoice(page, 'Cuentacuentos');
  // The e-mail was given, so the newsletter question shows.
  await answerChoice(page, 'Sí', { advance: false });
  await next(page); // the review of answers, where Enviar is
  await page.getByRole('button', { name: 'Enviar' }).click();

  await expect(page.getByText('Este es su pase de visitante')).toBeVisible();
  const [saved] = storedSubmissions(kiosk);
  expect(saved?.pass_id).toBe(saved?.id);
  expect(saved?.answers).toEqual({
    acepta_aviso: 'si',
    tipo_visitante: 'individual',
    nombre: "Zoë O'Brien-Núñez; DROP TABLE submissions;--",
    edad: '18_29',
    correo: 'zoe@ejemplo.mx',
    estado: 'hgo',
    municipio: 'pachuca_de_soto',
    intereses: ['cuentacuentos', 'talleres'],
    boletin: 'si',
  });
  const passId = saved?.pass_id ?? '';
  // A short number to write down; the QR keeps the whole id.
  await expect(page.getByText(spacedPassNumber(passNumber(passId)), { exact: true })).toBeVisible();
  const passQr = page.getByRole('img', { name: 'Código QR de su pase de visitante' });
  expect(await readQr(passQr)).toBe(encodeVisitorPass(passId));

  await page.getByRole('button', { name: 'Terminar' }).click();
  await expect(page.getByRole('button', { name: REGISTRATION_TITLE })).toBeVisible();
});

test('a school group skips the personal questions and the newsletter without an e-mail', async ({
  page,
  kiosk,
}) => {
  await beginRegistration(page, kiosk.url, 'Con mi escuela');
  await expectQuestion(page, 'Nombre de la escuela');
  await page.keyboard.type('Primaria Benito Juárez');
  await next(page);
  await expectQuestion(page, 'Clave de centro de trabajo (CCT)');
  await page.keyboard.type('13dpr');
  await next(page);
  await expect(page.getByText('La clave tiene 10 caracteres como 13DPR0001X')).toBeVisible();
  await page.getByRole('textbox', { name: 'Clave de centro de trabajo (CCT)' }).fill('13DPR0001X');
  await next(page);
  await page.keyboard.type('Maestra Rosa Ángeles');
  await next(page);
  await page.keyboard.type('32');
  await next(page);
  await page.keyboard.type('3');
  await next(page);
  await expectQuestion(page, 'Correo electrónico (opcional)');
  await next(page);
  await answerChoice(page, 'Puebla');
  await expectQuestion(page, '¿Qué le interesa de la Feria?');
  await next(page); // the review of answers, where Enviar is
  await expect(page.getByRole('button', { name: 'Enviar' })).toBeVisible();
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByText('Este es su pase de visitante')).toBeVisible();

  const [saved] = storedSubmissions(kiosk);
  expect(saved?.answers).toEqual({
    acepta_aviso: 'si',
    tipo_visitante: 'escuela',
    escuela: 'Primaria Benito Juárez',
    cct: '13DPR0001X',
    responsable: 'Maestra Rosa Ángeles',
    ninos: 32,
    adultos: 3,
    estado: 'pue',
  });
});
