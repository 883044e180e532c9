// Honest progress along three skip paths of the economic-impact survey: at every page the bar's
// value never falls, the step count rises by one, the total never grows, and Enviar shows only
// on the review, the true last page. The spending section's hint shows with its questions and a
// missing amount points to it.
import type { Page } from '@playwright/test';
import { SURVEY_TITLE, expect, storedSubmissions, test } from './support/fixtures';
import { answerChoice, expectQuestion, next, openForm } from './support/kiosk-page';

type Step = [heading: string | RegExp, act: (page: Page) => Promise<void>];

const choose =
  (label: string): Step[1] =>
  (page) =>
    answerChoice(page, label);
const type =
  (text: string): Step[1] =>
  async (page) => {
    await page.keyboard.type(text);
    await next(page);
  };
const skip: Step[1] = (page) => next(page);

type Seen = { value: number; step: number; total: number };

async function progressNow(page: Page): Promise<Seen> {
  const bar = page.getByRole('progressbar', { name: 'Avance' });
  const value = Number(await bar.getAttribute('aria-valuenow'));
  const words = (await bar.getAttribute('aria-valuetext')) ?? '';
  const [, step = '', total = ''] = /^Paso (\d+) de (\d+)$/.exec(words) ?? [];
  await expect(page.getByText(words, { exact: true })).toBeVisible();
  return { value, step: Number(step), total: Number(total) };
}

/** Walks the steps from the survey's first page, checking the progress on each, to the review. */
async function walkSurvey(page: Page, url: string, steps: Step[]): Promise<Seen[]> {
  await page.goto(url);
  await openForm(page, SURVEY_TITLE);
  const seen: Seen[] = [];
  for (const [heading, act] of steps) {
    await expectQuestion(page, heading);
    const now = await progressNow(page);
    const before = seen.at(-1);
    expect(now.step).toBe(seen.length + 1);
    expect(now.step).toBeLessThan(now.total);
    expect(now.value).toBeLessThan(100);
    if (before) {
      expect(now.value).toBeGreaterThanOrEqual(before.value);
      expect(now.total).toBeLessThanOrEqual(before.total);
    }
    await expect(page.getByRole('button', { name: 'Enviar' })).toHaveCount(0);
    seen.push(now);
    await act(page);
  }
  await expect(page.getByRole('heading', { name: 'Revise sus respuestas' })).toBeVisible();
  const last = await progressNow(page);
  expect(last).toEqual({ value: 100, step: steps.length + 1, total: steps.length + 1 });
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('heading', { name: '¡Gracias!' })).toBeVisible();
  return [...seen, last];
}

const INTRO = /Encuesta de impacto económico y social/;

test('declining: 1 of 27, 2 of 27, then the review as step 3 of 3', async ({ page, kiosk }) => {
  const seen = await walkSurvey(page, kiosk.url, [
    [INTRO, skip],
    ['¿Acepta participar en esta encuesta?', choose('No')],
  ]);
  expect(seen.map(({ step, total }) => `${step}/${total}`)).toEqual(['1/27', '2/27', '3/3']);
  expect(storedSubmissions(kiosk)[0]?.answers).toEqual({ acepta: 'no' });
});

test('from Hidalgo, back again, staying overnight: the spending hint shows and a gap points to it', async ({
  page,
  kiosk,
}) => {
  const HINT = 'Si no gastó en algo escriba 0';
  const spend =
    (amount: string, first = false): Step[1] =>
    async (p) => {
      await expect(p.getByText(HINT, { exact: true })).toBeVisible();
      if (first) {
        // Read with the question by a screen reader, not only seen above it.
        await expect(
          p.getByRole('textbox', { name: 'Alimentos y bebidas en la Muestra' }),
        ).toHaveAccessibleDescription(new RegExp(`^${HINT}`));
        await next(p);
        await expect(p.getByText(`Esta pregunta es obligatoria. Recuerde: ${HINT}`)).toBeVisible();
      }
      await type(amount)(p);
    };
  const seen = await walkSurvey(page, kiosk.url, [
    [INTRO, skip],
    ['¿Acepta participar en esta encuesta?', choose('Sí')],
    ['¿En qué país vive?', choose('México')],
    ['¿En qué estado vive?', choose('Hidalgo')],
    ['¿En qué municipio vive?', choose('Actopan')],
    ['¿Cuál es su edad?', choose('30 a 44')],
    ['Sexo', skip],
    ['Último grado de estudios', skip],
    ['¿Es la primera vez que viene a la Muestra?', choose('No')],
    ['¿Cuántas veces ha venido antes?', type('3')],
    ['¿Cómo se enteró de la Muestra?', choose('Otro')],
    ['¿Por qué otro medio?', type('Periódico')],
    ['¿Cuál es el motivo principal de su visita?', choose('Probar la comida tradicional')],
    [/¿Cuántas personas vienen en su grupo/, type('4')],
    ['¿En qué medio de transporte llegó?', choose('Auto propio')],
    ['¿Pasará la noche en la región?', choose('Sí')],
    ['¿Cuántas noches?', type('2')],
    ['¿Dónde se hospeda?', choose('Hotel')],
    ['Alimentos y bebidas en la Muestra', spend('850', true)],
    ['Artesanías y productos locales', spend('0')],
    ['Hospedaje', spend('1200')],
    ['Transporte y combustible', spend('300')],
    ['Otros gastos', spend('0')],
    ['¿Qué tan satisfecho está con la Muestra?', choose('Muy satisfecho')],
    [/¿qué tanto recomendaría la Muestra/, type('9')],
    ['¿Algún comentario o sugerencia?', skip],
  ]);
  expect(seen.at(0)).toMatchObject({ step: 1, total: 27 });
  expect(storedSubmissions(kiosk)[0]?.answers).toMatchObject({ municipio: 'actopan', gasto_total: 2350 });
});

test('from Puebla, first visit, going home: no municipality, count or lodging', async ({ page, kiosk }) => {
  const seen = await walkSurvey(page, kiosk.url, [
    [INTRO, skip],
    ['¿Acepta participar en esta encuesta?', choose('Sí')],
    ['¿En qué país vive?', choose('México')],
    ['¿En qué estado vive?', choose('Puebla')],
    ['¿Cuál es su edad?', choose('Menos de 18')],
    ['Sexo', choose('Otro')],
    ['Último grado de estudios', choose('Primaria')],
    ['¿Es la primera vez que viene a la Muestra?', choose('Sí')],
    ['¿Cómo se enteró de la Muestra?', choose('Página web')],
    ['¿Cuál es el motivo principal de su visita?', choose('Comprar productos locales')],
    [/¿Cuántas personas vienen en su grupo/, type('1')],
    ['¿En qué medio de transporte llegó?', choose('Taxi o plataforma')],
    ['¿Pasará la noche en la región?', choose('No')],
    ['Alimentos y bebidas en la Muestra', type('0')],
    ['Artesanías y productos locales', type('0')],
    ['Transporte y combustible', type('0')],
    ['Otros gastos', type('0')],
    ['¿Qué tan satisfecho está con la Muestra?', choose('Satisfecho')],
    [/¿qué tanto recomendaría la Muestra/, type('10')],
    ['¿Algún comentario o sugerencia?', skip],
  ]);
  expect(seen.at(-1)).toMatchObject({ step: 21, total: 21 });
  expect(storedSubmissions(kiosk)[0]?.answers).toMatchObject({ estado: 'pue', pernocta: 'no' });
});
