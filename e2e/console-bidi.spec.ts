// A name with a RIGHT-TO-LEFT OVERRIDE (U+202E) must not turn the console's own words after it
// around: an admin renames such an event and the audit log's "before → after" line still reads
// left to right after the old name, with the same text as before (the values are isolated); so do
// the catalogue's sentences around such a name (the save notice, the confirmation's title, the
// form upload's notice and its list of the images a form names but were not sent).
import { expect, test } from '@playwright/test';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { createConsoleUsers, signInToConsole } from './support/console-page';
import { charLefts, leftToRight } from './support/text-layout';

const OLD_NAME = 'Feria \u202enorte';
const NEW_NAME = 'Feria sur';
let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await createConsoleUsers(t, { administra: 'admin' });
});
test.afterAll(() => t.close());

test('an overriding old name in the audit log leaves the arrow and the new name reading left to right', async ({
  page,
}) => {
  await signInToConsole(page, t.url, 'administra');
  await page.getByRole('link', { name: 'Eventos' }).click();
  const form = page.getByRole('form', { name: 'Nuevo evento' });
  await form.getByLabel('Identificador').fill('feria_2027');
  await form.getByLabel('Nombre').fill(OLD_NAME);
  await form.getByRole('button', { name: 'Crear evento' }).click();
  await expect(page.getByRole('status')).toHaveText(`Se guardó el evento ${OLD_NAME}.`);
  await page
    .getByTestId('event-row')
    .getByRole('button', { name: /^Editar / })
    .click();
  const edit = page.getByRole('form', { name: /^Editar / });
  await edit.getByLabel('Nombre').fill(NEW_NAME);
  await edit.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('status')).toHaveText(`Se guardó el evento ${NEW_NAME}.`);

  await page.getByRole('link', { name: 'Auditoría' }).click();
  const changed = page.getByTestId('audit-row').first();
  await expect(changed.getByRole('cell').nth(1)).toHaveText('Evento modificado');
  const line = changed.getByRole('listitem').filter({ hasText: /^Cambios:/ });
  // The same text as ever: the isolation adds no character.
  await expect(line).toHaveText(`Cambios: Nombre: ${OLD_NAME} → ${NEW_NAME}`);

  const label = await charLefts(line, 'Nombre:');
  const old = await charLefts(line, OLD_NAME);
  const [arrow] = await charLefts(line, '→');
  const after = await charLefts(line, NEW_NAME);
  // Our words and the new name in reading order, left to right...
  expect(label).toEqual(leftToRight(label));
  expect(after).toEqual(leftToRight(after));
  // ...and the old name, however it shows inside, between the label and the arrow.
  expect(Math.min(...old)).toBeGreaterThan(Math.max(...label));
  expect(arrow).toBeGreaterThan(Math.max(...old));
  expect(Math.min(...after)).toBeGreaterThan(arrow ?? Infinity);
});

test('an overriding event name leaves the save notice and the archive question reading left to right', async ({
  page,
}) => {
  const name = 'Fair \u202enorth';
  await signInToConsole(page, t.url, 'administra');
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('link', { name: 'Events' }).click();
  const form = page.getByRole('form', { name: 'New event' });
  await form.getByLabel('Id').fill('fair_2027');
  await form.getByLabel('Name').fill(name);
  await form.getByRole('button', { name: 'Create event' }).click();
  const notice = page.getByRole('status');
  await expect(notice).toHaveText(`The event ${name} was saved.`);
  const named = await charLefts(notice, name);
  const words = await charLefts(notice, ' was saved.');
  expect(words).toEqual(leftToRight(words));
  expect(Math.min(...words)).toBeGreaterThan(Math.max(...named));

  await page
    .getByTestId('event-row')
    .filter({ hasText: name })
    .getByRole('button', { name: `Archive ${name}` })
    .click();
  const title = page.getByRole('dialog', { name: `Archive the event ${name}?` }).getByRole('heading');
  await expect(title).toHaveText(`Archive the event ${name}?`);
  // The name's letters: the override itself has no width and may sit where the "?" starts.
  const [question] = await charLefts(title, '?');
  expect(question).toBeGreaterThan(Math.max(...(await charLefts(title, 'north'))));
});

test('an overriding image and choice name leave the list of images an upload did not bring reading left to right', async ({
  page,
}) => {
  await t.createEvent();
  const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await signInToConsole(page, t.url, 'administra');
  await page.getByRole('link', { name: 'Formularios' }).click();
  const form = page.getByRole('form', { name: 'Subir un formulario' });
  await form
    .getByLabel('Archivos del formulario')
    .setInputFiles([
      csv('banderas.survey.csv', 'type,name,label\nselect_one p,pais,País\n'),
      csv('banderas.choices.csv', 'list_name,name,label,media::image\np,mx\u202e,México,bandera\u202e.png\n'),
      csv('banderas.settings.csv', 'form_id,version,form_title\nbanderas,1,Banderas\n'),
    ]);
  await form.getByRole('button', { name: 'Subir' }).click();

  const outcome = page.getByRole('status');
  const notice = outcome.getByRole('paragraph').first();
  await expect(notice).toHaveText('Se agregó banderas, versión 1.');
  // The form's id and version each in a <bdi> of its own, as the other notices' names.
  await expect(notice.locator('bdi')).toHaveText(['banderas', '1']);
  const item = outcome.getByRole('list', { name: /no se enviaron/ }).getByRole('listitem');
  await expect(item).toHaveText('«bandera\u202e.png», en la opción «mx\u202e» de la lista «p»');

  const image = await charLefts(item, 'bandera');
  const between = await charLefts(item, '», en la opción «');
  const choice = await charLefts(item, 'mx');
  const after = await charLefts(item, '» de la lista «p»');
  // Our words in reading order, left to right, each after the name before it.
  expect(between).toEqual(leftToRight(between));
  expect(after).toEqual(leftToRight(after));
  expect(Math.min(...between)).toBeGreaterThan(Math.max(...image));
  expect(Math.min(...choice)).toBeGreaterThan(Math.max(...between));
  expect(Math.min(...after)).toBeGreaterThan(Math.max(...choice));
});
