// The console's events page over real HTTP on SQLite and PostgreSQL: create with dates, time
// zone and capacity, edit, archive (hidden, no new kiosks) and restore; bad input refused with
// nothing written; managers only; every change audited.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleEventsResponseSchema, CSRF_HEADER, CSRF_REFUSAL } from '../../shared/console/console-api';
import {
  EventDetailsListResponseSchema,
  EventDetailsResponseSchema,
  type EventCreate,
} from '../../shared/console/setup-api';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema } from '../../shared/sync/protocol';
import { createEnrolCode } from '../devices/devices-store';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { listAudit } from './audit';
import { signedInRoles, type SignedIn } from './testing/signed-in';

const FERIA: EventCreate = {
  id: 'feria_2027',
  name: 'Feria del Caballo 2027',
  startsOn: '2027-04-10',
  endsOn: '2027-04-12',
  timeZone: 'America/Mexico_City',
  capacity: 2500,
};

describe.each(DB_KINDS)('console events on %s', (kind) => {
  let t: TestServer;
  let coordinator: SignedIn;
  let as: (role: Role) => SignedIn;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    as = await signedInRoles(t, ['coordinator', 'statistician', 'door_supervisor']);
    coordinator = as('coordinator');
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const eventCount = async () =>
    Number(
      (
        await t.server.db.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const listed = async (archived: boolean) =>
    EventDetailsListResponseSchema.parse(
      (await coordinator.call('GET', `/console/api/setup/events?archived=${archived}`)).body,
    ).events.map((e) => e.id);

  it('creates an event with its dates, time zone and capacity; the door gets the capacity', async () => {
    const r = await coordinator.call('POST', '/console/api/setup/events', { body: FERIA });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const { event } = EventDetailsResponseSchema.parse(r.body);
    expect(event).toMatchObject({ ...FERIA, archivedAt: null });
    const door = await t.call('GET', `/v1/events/${FERIA.id}/door`, {
      token: await t.tokenFor('coordinator'),
    });
    expect(door.body).toMatchObject({ door: { capacity: 2500 } });
    expect((await listAudit(t.server.db))[0]).toMatchObject({
      actor: 'coordinator',
      action: 'event_created',
      detail: { eventId: FERIA.id, name: FERIA.name, timeZone: 'America/Mexico_City' },
    });
  });

  it('refuses bad dates, a time zone it does not know and a taken id, writing nothing', async () => {
    const before = await eventCount();
    const cases: [Record<string, unknown>, number, { field: string; message: string }][] = [
      [
        { ...FERIA, id: 'otra', endsOn: '2027-04-09' },
        400,
        { field: 'endsOn', message: 'endsOn: the last day is before the first' },
      ],
      [
        { ...FERIA, id: 'otra', startsOn: '2027-02-30' },
        400,
        { field: 'startsOn', message: 'startsOn: a date as YYYY-MM-DD' },
      ],
      [
        { ...FERIA, id: 'otra', timeZone: 'Mexico/Tenochtitlan' },
        400,
        { field: 'timeZone', message: 'timeZone: a time zone name such as America/Mexico_City' },
      ],
      [
        { ...FERIA, id: 'otra', capacity: 0 },
        400,
        { field: 'capacity', message: 'capacity: Too small: expected number to be >=1' },
      ],
      [
        { ...FERIA, name: '  ' },
        400,
        { field: 'name', message: 'name: Too small: expected string to have >=1 characters' },
      ],
      [FERIA, 409, { field: 'id', message: `event ${FERIA.id} already exists` }],
    ];
    for (const [body, status, error] of cases) {
      const r = await coordinator.call('POST', '/console/api/setup/events', { body });
      expect([r.status, errorOf(r)]).toEqual([status, expect.objectContaining(error)]);
    }
    expect(await eventCount()).toBe(before);
  });

  it('edits the name, dates, time zone and capacity; the audit says what changed', async () => {
    const changesBefore = await t.count('changes');
    const r = await coordinator.call('POST', `/console/api/setup/events/${FERIA.id}`, {
      body: {
        name: 'Feria del Caballo',
        startsOn: '2027-04-09',
        endsOn: '2027-04-12',
        timeZone: 'America/Monterrey',
        capacity: null,
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(EventDetailsResponseSchema.parse(r.body).event).toMatchObject({
      name: 'Feria del Caballo',
      startsOn: '2027-04-09',
      timeZone: 'America/Monterrey',
      capacity: null,
    });
    // The new name and the door's new capacity go down to kiosks.
    expect(await t.count('changes')).toBe(changesBefore + 2);
    expect((await listAudit(t.server.db))[0]).toMatchObject({
      action: 'event_updated',
      detail: {
        eventId: FERIA.id,
        changes: {
          name: [FERIA.name, 'Feria del Caballo'],
          startsOn: ['2027-04-10', '2027-04-09'],
          timeZone: ['America/Mexico_City', 'America/Monterrey'],
          capacity: [2500, null],
        },
      },
    });
    const bad = await coordinator.call('POST', `/console/api/setup/events/${FERIA.id}`, {
      body: { name: 'X', startsOn: '2027-05-01', endsOn: '2027-04-01', timeZone: null, capacity: null },
    });
    expect([bad.status, errorOf(bad).field]).toEqual([400, 'endsOn']);
    const unknown = await coordinator.call('POST', '/console/api/setup/events/no_such', {
      body: { name: 'X', startsOn: null, endsOn: null, timeZone: null, capacity: null },
    });
    expect([unknown.status, errorOf(unknown).message]).toEqual([404, 'no event no_such']);
  });

  it('archives an event: hidden by default, no new kiosks; restoring it lets them in again', async () => {
    const early = await createEnrolCode(t.server.db, { eventId: FERIA.id });
    const kiosk = await t.enrol(await t.createEvent(), 'Kiosco viajero');
    const archived = await coordinator.call('POST', `/console/api/setup/events/${FERIA.id}/archive`, {
      body: { archived: true },
    });
    expect(archived.status).toBe(200);
    expect(EventDetailsResponseSchema.parse(archived.body).event.archivedAt).not.toBeNull();
    expect(await listed(false)).not.toContain(FERIA.id);
    expect(await listed(true)).toContain(FERIA.id);
    const picker = ConsoleEventsResponseSchema.parse(
      (await coordinator.call('GET', '/console/api/events')).body,
    );
    expect(picker.events.map((e) => e.id)).not.toContain(FERIA.id);

    const refusal = expect.stringMatching(
      new RegExp(`^event ${FERIA.id} was archived at .*: it takes no new kiosks \\(restore it first\\)$`),
    );
    const code = await coordinator.call('POST', '/console/api/enrol-codes', { body: { eventId: FERIA.id } });
    expect([code.status, errorOf(code).message]).toEqual([409, refusal]);
    const enrol = await t.call('POST', '/v1/enrol', {
      body: { code: early.code, deviceId: uuidv7(), deviceName: 'Tarde' },
    });
    expect([enrol.status, errorOf(enrol).message]).toEqual([409, refusal]);
    const assign = await t.call('PUT', `/v1/devices/${kiosk.deviceId}/assignment`, {
      token: await t.tokenFor('coordinator'),
      body: { eventId: FERIA.id, offeredForms: [] },
    });
    expect([assign.status, errorOf(assign).message]).toEqual([409, refusal]);

    const restored = await coordinator.call('POST', `/console/api/setup/events/${FERIA.id}/archive`, {
      body: { archived: false },
    });
    expect(EventDetailsResponseSchema.parse(restored.body).event.archivedAt).toBeNull();
    // The code was not spent by the refused enrolment: it works now.
    const late = await t.call('POST', '/v1/enrol', {
      body: { code: early.code, deviceId: uuidv7(), deviceName: 'Tarde' },
    });
    expect(late.status, JSON.stringify(late.body)).toBe(200);
    expect((await listAudit(t.server.db)).slice(0, 3).map((a) => [a.action, a.detail.archived])).toEqual(
      expect.arrayContaining([['event_archived', false]]),
    );
  });

  it('is for managers only, and checks CSRF', async () => {
    for (const role of ['statistician', 'door_supervisor'] as const) {
      const session = as(role);
      for (const [method, path, body] of [
        ['GET', '/console/api/setup/events', undefined],
        ['POST', '/console/api/setup/events', { ...FERIA, id: 'de_otro' }],
        ['POST', `/console/api/setup/events/${FERIA.id}/archive`, { archived: true }],
      ] as const) {
        const r = await session.call(method, path, { body });
        expect([role, path, r.status, errorOf(r).message]).toEqual([
          role,
          path,
          403,
          `The ${role} role may not do this; it needs admin or coordinator`,
        ]);
      }
    }
    const forged = await coordinator.call('POST', '/console/api/setup/events', {
      body: { ...FERIA, id: 'sin_csrf' },
      headers: { [CSRF_HEADER]: undefined },
    });
    expect([forged.status, errorOf(forged).message]).toEqual([403, CSRF_REFUSAL]);
    expect(await listed(true)).not.toContain('sin_csrf');
  });
});
