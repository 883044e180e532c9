// Venues in the console, in Chromium against a real sync server: a coordinator adds, renames,
// resizes, archives and restores an event's venues (told which field is wrong, nothing written),
// the dashboard shows each venue against its capacity from real door scans (near and at capacity
// said in words, not colour alone), and the kiosks page puts a door kiosk at a venue; axe clean.
import { expect, test } from '@playwright/test';
import { createVenue } from '../sync-server/venues/venues-store';
import { openServerForTest, type TestServer } from '../sync-server/testing/test-server';
import { DoorReplica } from '../sync-server/tickets/testing/door-replica';
import { IssueTicketsResponseSchema } from '../sync-server/tickets/ticket-api';
import { setDoorSettings } from '../sync-server/tickets/door-settings';
import { createConsoleUsers, expectNoAxeViolations, signInToConsole } from './support/console-page';

let t: TestServer;

test.beforeAll(async () => {
  t = await openServerForTest('sqlite');
  await createConsoleUsers(t, { coordinadora: 'coordinator' });
});
test.afterAll(() => t.close());

const venueNames = async (eventId: string) =>
  (
    await t.server.db.db
      .selectFrom('venues')
      .select('name')
      .where('event_id', '=', eventId)
      .orderBy('name')
      .execute()
  ).map((r) => r.name);

test('a coordinator adds, renames, resizes, archives and restores venues', async ({ page }) => {
  const eventId = await t.createEvent();
  await setDoorSettings(t.server.db, eventId, { capacity: 5000 });
  await signInToConsole(page, t.url, 'coordinadora');
  await page.getByRole('link', { name: 'Eventos' }).click();
  await page.getByRole('button', { name: /^Editar Test event/ }).click();
  const section = page.getByRole('region', { name: /^Recintos de Test event/ });
  const rows = section.getByTestId('venue-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.first().getByLabel('Aforo (vacío: sin límite)')).toHaveValue('5000');
  await expect(rows.first()).toContainText('Principal');

  const add = section.getByRole('form', { name: 'Agregar recinto' });
  await add.getByLabel('Nombre del recinto').fill('Foro infantil');
  await add.getByLabel('Aforo (vacío: sin límite)').fill('0');
  await add.getByRole('button', { name: 'Agregar recinto' }).click();
  await expect(add.getByRole('alert')).toHaveText(
    'El aforo es un número entero de personas, 1 o más, o vacío para no poner límite.',
  );
  await expect(add.getByLabel('Aforo (vacío: sin límite)')).toHaveAttribute('aria-invalid', 'true');
  expect(await venueNames(eventId)).toHaveLength(1);
  await add.getByLabel('Aforo (vacío: sin límite)').fill('300');
  await add.getByRole('button', { name: 'Agregar recinto' }).click();
  await expect(page.getByRole('status')).toHaveText('Se agregó el recinto Foro infantil.');
  await expect(rows).toHaveCount(3);

  const again = section.getByRole('form', { name: 'Agregar recinto' });
  await again.getByLabel('Nombre del recinto').fill('FORO INFANTIL');
  await again.getByRole('button', { name: 'Agregar recinto' }).click();
  await expect(again.getByRole('alert')).toHaveText(
    'Ya hay un recinto llamado «FORO INFANTIL» en este evento.',
  );
  await expectNoAxeViolations(page);

  const main = rows.first();
  await main.getByLabel('Nombre del recinto').fill('Explanada principal');
  await main.getByLabel('Aforo (vacío: sin límite)').fill('4500');
  await main.getByRole('button', { name: /^Guardar el recinto/ }).click();
  await expect(page.getByRole('status')).toHaveText('Se guardó el recinto Explanada principal.');
  // The event's capacity is its main venue's.
  await expect(page.getByTestId('event-row')).toContainText('4500');

  // Archiving asks first: Cancel (where the dialog opens) leaves the venue as it was.
  const archive = section.getByRole('button', { name: 'Archivar el recinto Foro infantil' });
  await archive.click();
  const confirm = page.getByRole('dialog', { name: '¿Archivar el recinto Foro infantil?' });
  await expect(confirm).toContainText('Puede restaurarlo después.');
  await expect(confirm.getByRole('button', { name: 'Cancelar' })).toBeFocused();
  await expectNoAxeViolations(page);
  await confirm.getByRole('button', { name: 'Cancelar' }).click();
  await expect(confirm).toBeHidden();
  await expect(archive).toBeFocused();
  const foro = await t.server.db.db
    .selectFrom('venues')
    .select(['id', 'archived_at'])
    .where('event_id', '=', eventId)
    .where('name', '=', 'Foro infantil')
    .executeTakeFirstOrThrow();
  expect(foro.archived_at).toBeNull();
  // A venue a door guards is not archived: the dialog stays open and says why.
  const door = await t.enrol(eventId, 'Puerta foro', 'door');
  const guard = (venue_id: string | null) =>
    t.server.db.db.updateTable('devices').set({ venue_id }).where('id', '=', door.deviceId).execute();
  await guard(foro.id);
  await archive.click();
  await confirm.getByRole('button', { name: 'Sí, archivar' }).click();
  await expect(confirm.getByRole('alert')).toHaveText(
    'No se pudo completar: archived: Foro infantil is guarded by Puerta foro: put those door kiosks at another venue first',
  );
  await confirm.getByRole('button', { name: 'Cancelar' }).click();
  await expect(archive).toBeFocused();
  await guard(null);
  await archive.click();
  await confirm.getByRole('button', { name: 'Sí, archivar' }).click();
  await expect(page.getByRole('status')).toHaveText('Se archivó el recinto Foro infantil.');
  await expect(confirm).toBeHidden();
  await expect(section.getByRole('form', { name: 'Foro infantil' })).toContainText('Archivado');
  // As after every confirmed change in the console, focus is on the heading the notice is under.
  await expect(page.getByRole('heading', { name: 'Eventos', level: 2 })).toBeFocused();
  await section.getByRole('button', { name: 'Restaurar el recinto Foro infantil' }).click();
  await expect(page.getByRole('status')).toHaveText('Se restauró el recinto Foro infantil.');
  expect(await venueNames(eventId)).toEqual(['Explanada principal', 'Foro infantil']);
  await expectNoAxeViolations(page);
});

test('the dashboard shows each venue against its capacity, and the kiosks page moves a door', async ({
  page,
}) => {
  const eventId = await t.createEvent();
  await setDoorSettings(t.server.db, eventId, { capacity: 2 });
  const foro = await createVenue(t.server.db, eventId, { name: 'Foro infantil', capacity: 10 });
  await createVenue(t.server.db, eventId, { name: 'Carpa de cocineras', capacity: null });
  const foroDoor = new DoorReplica(t, await t.enrol(eventId, 'Puerta foro', 'door'));
  const mainDoor = new DoorReplica(t, await t.enrol(eventId, 'Puerta norte', 'door'));
  await t.server.db.db
    .updateTable('devices')
    .set({ venue_id: foro.id })
    .where('id', '=', foroDoor.device.deviceId)
    .execute();
  const issued = await t.call('POST', `/v1/events/${eventId}/tickets`, {
    token: await t.tokenFor('coordinator'),
    body: { type: 'General', count: 11 },
  });
  const tickets = IssueTicketsResponseSchema.parse(issued.body).tickets;
  await foroDoor.pull();
  await mainDoor.pull();
  const foroGate = foroDoor.door('Foro');
  const mainGate = mainDoor.door('Norte');
  const at = new Date('2026-11-21T10:00:00Z');
  for (const ticket of tickets.slice(0, 9)) await foroGate.scan(ticket.text, at);
  for (const ticket of tickets.slice(9)) await mainGate.scan(ticket.text, at);
  for (const [replica, gate] of [
    [foroDoor, foroGate],
    [mainDoor, mainGate],
  ] as const) {
    expect((await replica.push(replica.outbox(gate.events))).status).toBe(200);
  }

  await signInToConsole(page, t.url, 'coordinadora');
  await page.getByRole('combobox', { name: 'Evento' }).selectOption(eventId);
  const table = page.getByRole('table', { name: 'Aforo por recinto' });
  const row = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row('Foro infantil')).toContainText('9');
  await expect(row('Foro infantil')).toContainText('Casi lleno');
  await expect(row('Foro infantil')).toContainText('Puerta foro');
  await expect(row('Test event')).toContainText('Lleno');
  await expect(row('Carpa de cocineras')).toContainText('Sin límite');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Quioscos' }).click();
  const select = page.getByRole('combobox', { name: 'Recinto que vigila Puerta norte' });
  await expect(select).toHaveValue(`${eventId}~default`);
  await select.selectOption({ label: 'Carpa de cocineras' });
  await expect(page.getByRole('status')).toHaveText('Puerta norte vigila ahora Carpa de cocineras.');
  await expectNoAxeViolations(page);
  const moved = await t.server.db.db
    .selectFrom('devices')
    .select('venue_id')
    .where('id', '=', mainDoor.device.deviceId)
    .executeTakeFirstOrThrow();
  expect(moved.venue_id).not.toBeNull();
});
