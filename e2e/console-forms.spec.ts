// The console's forms page in Chromium against a real sync server: a coordinator uploads a CSV
// trio (a broken one is refused at its cell), previews a version as the kiosk asks it, puts two
// versions side by side and sees which kiosk runs which version; a statistician reads only.
import { expect, test, type Page } from '@playwright/test';
import {
  openServerForTest,
  surveyChanges,
  SURVEY_FORM,
  type TestServer,
} from '../sync-server/testing/test-server';
import { pngImage } from '../sync-server/branding/test-images';
import { createConsoleUsers, expectNoAxeViolations, signInToConsole } from './support/console-page';

let t: TestServer;

const sheets = (version: string, relevant: string, extra = '') => [
  {
    name: 'libro.survey.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `type,name,label::Español (es),relevant\ninteger,edad,Edad,\ntext,ciudad,Ciudad,${relevant}\n${extra}`,
    ),
  },
  {
    name: 'libro.choices.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('list_name,name,label::Español (es)\n'),
  },
  {
    name: 'libro.settings.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`form_id,version,form_title\nlibro_visitas,${version},Libro de visitas\n`),
  },
];

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  const eventId = await t.createEvent(['encuesta-impacto-economico']);
  const kiosk = await t.enrol(eventId, 'Kiosco plaza');
  const pushed = await t.call('POST', '/v1/sync/push', {
    token: kiosk.token,
    body: { deviceId: kiosk.deviceId, changes: surveyChanges(kiosk, 1, 3) },
  });
  expect(pushed.status).toBe(200);
  await createConsoleUsers(t, { coordinadora: 'coordinator', estadistico: 'statistician' });
});
test.afterAll(() => t.close());

async function upload(
  page: Page,
  files: { name: string; mimeType: string; buffer: Buffer }[],
): Promise<void> {
  const form = page.getByRole('form', { name: 'Subir un formulario' });
  await form.getByLabel('Archivos del formulario').setInputFiles(files);
  await form.getByRole('button', { name: 'Subir' }).click();
}

test('a coordinator uploads, previews and compares form versions, and sees which kiosk runs which', async ({
  page,
}) => {
  await signInToConsole(page, t.url, 'coordinadora');
  await page.getByRole('link', { name: 'Formularios' }).click();
  await expect(page.getByRole('heading', { name: 'Formularios', level: 2 })).toBeVisible();
  const survey = page.getByTestId('form-card').filter({ hasText: SURVEY_FORM.formId });
  await expect(survey.getByTestId('kiosk-version')).toHaveText(/Kiosco plaza\s*2026110101/);
  await expectNoAxeViolations(page);

  await upload(page, sheets('1', '${nada} = 1'));
  await expect(page.getByRole('alert')).toHaveText(
    'El formulario no se agregó: survey!D3, column "relevant": ${nada} is not a question of this form',
  );
  await upload(page, sheets('1', ''));
  await expect(page.getByRole('status')).toHaveText('Se agregó libro_visitas, versión 1.');
  await upload(page, sheets('2', '${edad} > 17', 'text,correo,Correo,\n'));
  await expect(page.getByRole('status')).toHaveText('Se agregó libro_visitas, versión 2.');

  const libro = page.getByTestId('form-card').filter({ hasText: 'libro_visitas' });
  await expect(libro.getByRole('table', { name: 'Versiones' }).getByRole('row')).toHaveCount(3);
  const previewButton = libro.getByRole('button', { name: 'Vista previa de libro_visitas, versión 2' });
  await previewButton.click();
  const preview = page.getByRole('region', { name: 'Vista previa de libro_visitas, versión 2' });
  await expect(preview.getByRole('listitem')).toHaveCount(3);
  await expect(preview).toContainText('Se muestra si: ${edad} > 17');
  await expect(preview.getByRole('heading', { name: 'Libro de visitas' })).toBeFocused();
  await expectNoAxeViolations(page);
  await preview.getByRole('button', { name: 'Cerrar' }).click();
  await expect(previewButton).toBeFocused();

  await libro.getByLabel('Versión anterior').selectOption('1');
  await libro.getByLabel('Versión nueva').selectOption('2');
  await libro.getByRole('button', { name: 'Comparar versiones' }).click();
  const compare = page.getByRole('region', { name: 'Versión 1 junto a versión 2' });
  await expect(compare.getByTestId('compare-row')).toHaveText([
    /^edad.*Igual$/,
    /^ciudad.*Cambió$/,
    /^correo.*Nueva$/,
  ]);
  await expectNoAxeViolations(page);
});

test('a coordinator uploads a form with its images and sees which ones the form names but were not sent', async ({
  page,
}) => {
  const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  const png = (name: string, rgb: [number, number, number]) => ({
    name,
    mimeType: 'image/png',
    buffer: pngImage(8, 8, rgb),
  });
  const frutas = [
    csv('frutas.survey.csv', 'type,name,label\nselect_one f,fruta,Fruta\n'),
    csv(
      'frutas.choices.csv',
      'list_name,name,label,media::image\nf,durazno,Durazno,durazno.png\nf,pera,Pera,pera.png\n',
    ),
    csv('frutas.settings.csv', 'form_id,version,form_title\nfrutas,1,Frutas\n'),
  ];
  const stored = async () =>
    (await t.server.db.db.selectFrom('form_media').select('name').where('form_id', '=', 'frutas').execute())
      .map((row) => row.name)
      .sort();
  await signInToConsole(page, t.url, 'coordinadora');
  await page.getByRole('link', { name: 'Formularios' }).click();

  await upload(page, [...frutas, png('pera.png', [120, 200, 40])]);
  const outcome = page.getByRole('status');
  await expect(outcome.getByRole('paragraph').first()).toHaveText('Se agregó frutas, versión 1.');
  await expect(outcome.getByRole('list', { name: /no se enviaron/ }).getByRole('listitem')).toHaveText([
    '«durazno.png», en la opción «durazno» de la lista «f»',
  ]);
  expect(await stored()).toEqual(['pera.png']);
  await expectNoAxeViolations(page);

  await upload(page, [...frutas, png('pera.png', [200, 120, 40]), png('durazno.png', [250, 180, 120])]);
  await expect(outcome).toHaveText('frutas, versión 1, ya estaba: sus imágenes son ahora las que envió.');
  expect(await stored()).toEqual(['durazno.png', 'pera.png']);
});

test('a statistician reads the forms but cannot upload one', async ({ page }) => {
  await signInToConsole(page, t.url, 'estadistico');
  await page.getByRole('link', { name: 'Formularios' }).click();
  await expect(page.getByTestId('form-card').first()).toBeVisible();
  await expect(page.getByRole('form', { name: 'Subir un formulario' })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
