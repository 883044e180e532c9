// Venues over real HTTP on SQLite and PostgreSQL, signed in to the console: the default venue
// holds the event's capacity, venues are added, renamed, given a capacity, archived and restored
// (bad input refused with the exact error and nothing written), door kiosks are put at a venue,
// and occupancy is counted per venue from the scans of its doors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardResponseSchema } from '../../shared/console/console-api';
import {
  KioskVenueResponseSchema,
  VenueListResponseSchema,
  VenueResponseSchema,
  type Venue,
} from '../../shared/console/venues-api';
import type { Role } from '../../shared/sync/admin-api';
import { ErrorBodySchema, PushResponseSchema } from '../../shared/sync/protocol';
import { listAudit } from '../console/audit';
import { signedInRoles, type SignedIn } from '../console/testing/signed-in';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { DoorReplica } from '../tickets/testing/door-replica';
import { IssueTicketsResponseSchema, OccupancyResponseSchema } from '../tickets/ticket-api';

const T0 = new Date('2026-11-21T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe.each(DB_KINDS)('venues on %s', (kind) => {
  let t: TestServer;
  let as: (role: Role) => SignedIn;
  let coordinator: SignedIn;
  let eventId: string;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    as = await signedInRoles(t, ['coordinator', 'statistician']);
    coordinator = as('coordinator');
    eventId = await t.createEvent();
    const door = await t.call('PUT', `/v1/events/${eventId}/door`, {
      token: await t.tokenFor('coordinator'),
      body: { capacity: 5000 },
    });
    expect(door.status, JSON.stringify(door.body)).toBe(200);
  });
  afterAll(() => t.close());

  const errorOf = (r: { body: unknown }) => ErrorBodySchema.parse(r.body).error;
  const venuesUrl = () => `/console/api/setup/events/${eventId}/venues`;
  const list = async (archived = false) =>
    VenueListResponseSchema.parse((await coordinator.call('GET', `${venuesUrl()}?archived=${archived}`)).body)
      .venues;
  const add = async (name: string, capacity: number | null): Promise<Venue> => {
    const r = await coordinator.call('POST', venuesUrl(), { body: { name, capacity } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return VenueResponseSchema.parse(r.body).venue;
  };
  const stored = async () =>
    (
      await t.server.db.db
        .selectFrom('venues')
        .selectAll()
        .where('event_id', '=', eventId)
        .orderBy('id')
        .execute()
    ).map((r) => ({ ...r }));

  it('lists the default venue, named as the event, with the door capacity', async () => {
    expect(await list()).toEqual([
      {
        id: `${eventId}~default`,
        eventId,
        name: expect.any(String),
        capacity: 5000,
        isDefault: true,
        archivedAt: null,
      },
    ]);
  });

  it('adds venues with a capacity or none, audited', async () => {
    const foro = await add('  Foro infantil ', 300);
    const carpa = await add('Carpa de cocineras', null);
    expect(foro).toMatchObject({ name: 'Foro infantil', capacity: 300, isDefault: false, archivedAt: null });
    expect((await list()).map((v) => [v.name, v.capacity])).toEqual([
      [expect.any(String), 5000],
      ['Carpa de cocineras', null],
      ['Foro infantil', 300],
    ]);
    const created = (await listAudit(t.server.db)).filter((e) => e.action === 'venue_created');
    // Newest first.
    expect(created.map((e) => [e.actor, e.detail.id])).toEqual([
      ['coordinator', carpa.id],
      ['coordinator', foro.id],
    ]);
  });

  it('refuses a bad capacity, an empty or taken name, and unknown fields, writing nothing', async () => {
    const before = await stored();
    const capacityError = 'capacity: a whole number of people, 1 or more, or empty for no limit';
    const refused: [unknown, number, string, string][] = [
      [{ name: 'Patio', capacity: 0 }, 400, 'invalid_input', capacityError],
      [{ name: 'Patio', capacity: 2.5 }, 400, 'invalid_input', capacityError],
      [{ name: 'Patio', capacity: '300' }, 400, 'invalid_input', capacityError],
      [{ name: 'Patio', capacity: 10_000_001 }, 400, 'invalid_input', 'capacity: at most 10,000,000 people'],
      [{ name: '   ', capacity: 10 }, 400, 'invalid_input', 'name: a name is needed'],
      [
        { name: 'FORO INFANTIL', capacity: 10 },
        409,
        'conflict',
        `name: event ${eventId} already has a venue named FORO INFANTIL`,
      ],
      [{ name: 'Patio', capacity: 10, gates: 2 }, 400, 'invalid_input', 'body: Unrecognized key: "gates"'],
    ];
    for (const [body, status, code, message] of refused) {
      const r = await coordinator.call('POST', venuesUrl(), { body });
      expect([r.status, errorOf(r).code, errorOf(r).message]).toEqual([status, code, message]);
    }
    const foro = (await list()).find((v) => v.name === 'Foro infantil');
    const r = await coordinator.call('POST', `${venuesUrl()}/${foro?.id}`, {
      body: { name: 'Carpa de Cocineras' },
    });
    expect([r.status, errorOf(r).message]).toEqual([
      409,
      `name: event ${eventId} already has a venue named Carpa de Cocineras`,
    ]);
    expect(await stored()).toEqual(before);
  });

  it('is for managers: a statistician is refused and nothing is written', async () => {
    const before = await stored();
    const r = await as('statistician').call('POST', venuesUrl(), { body: { name: 'Patio', capacity: 10 } });
    expect([r.status, errorOf(r).code]).toEqual([403, 'forbidden']);
    expect(await stored()).toEqual(before);
  });

  it("renames and resizes; the default venue's capacity is the door rules' one", async () => {
    const [main] = await list();
    const r = await coordinator.call('POST', `${venuesUrl()}/${main?.id}`, {
      body: { name: 'Explanada principal', capacity: 4500 },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(VenueResponseSchema.parse(r.body).venue).toMatchObject({
      name: 'Explanada principal',
      capacity: 4500,
    });
    const door = await t.call('GET', `/v1/events/${eventId}/door`, {
      token: await t.tokenFor('coordinator'),
    });
    expect(door.body).toMatchObject({ door: { capacity: 4500 } });
    const updated = (await listAudit(t.server.db)).filter((e) => e.action === 'venue_updated');
    expect(updated[0]?.detail).toMatchObject({
      changes: { name: [expect.any(String), 'Explanada principal'], capacity: [5000, 4500] },
    });
  });

  it('archives and restores a venue, never the default one', async () => {
    const [main, carpa] = await list();
    const refused = await coordinator.call('POST', `${venuesUrl()}/${main?.id}`, {
      body: { archived: true },
    });
    expect([refused.status, errorOf(refused).message]).toEqual([
      400,
      'archived: Explanada principal is the default venue (door kiosks with no venue count for it); it cannot be archived',
    ]);
    const archived = await coordinator.call('POST', `${venuesUrl()}/${carpa?.id}`, {
      body: { archived: true },
    });
    expect(VenueResponseSchema.parse(archived.body).venue.archivedAt).not.toBeNull();
    expect((await list()).map((v) => v.name)).toEqual(['Explanada principal', 'Foro infantil']);
    expect((await list(true)).map((v) => v.name)).toEqual([
      'Explanada principal',
      'Carpa de cocineras',
      'Foro infantil',
    ]);
    await coordinator.call('POST', `${venuesUrl()}/${carpa?.id}`, { body: { archived: false } });
    expect((await list()).map((v) => v.name)).toEqual([
      'Explanada principal',
      'Carpa de cocineras',
      'Foro infantil',
    ]);
  });

  it('puts door kiosks at a venue and counts occupancy per venue', async () => {
    const [main, carpa, foro] = await list();
    const foroDoor = new DoorReplica(t, await t.enrol(eventId, 'Puerta foro', 'door'));
    const mainDoor = new DoorReplica(t, await t.enrol(eventId, 'Puerta norte', 'door'));
    const visitor = await t.enrol(eventId, 'Registro', 'visitor');

    const put = (deviceId: string, venueId: string | null) =>
      coordinator.call('POST', `/console/api/kiosks/${deviceId}/venue`, { body: { venueId } });
    const notDoor = await put(visitor.deviceId, foro?.id ?? '');
    expect([notDoor.status, errorOf(notDoor).message]).toEqual([
      400,
      'kiosk Registro is a visitor kiosk: only door kiosks guard a venue',
    ]);
    const unknown = await put(foroDoor.device.deviceId, 'otro~default');
    expect([unknown.status, errorOf(unknown).message]).toEqual([
      404,
      `no venue otro~default in event ${eventId}`,
    ]);
    const ok = await put(foroDoor.device.deviceId, foro?.id ?? '');
    expect(KioskVenueResponseSchema.parse(ok.body)).toMatchObject({ venueId: foro?.id });
    const listed = await coordinator.call('GET', venuesUrl());
    expect(VenueListResponseSchema.parse(listed.body).doors).toEqual([
      { deviceId: foroDoor.device.deviceId, name: 'Puerta foro', venueId: foro?.id },
      { deviceId: mainDoor.device.deviceId, name: 'Puerta norte', venueId: null },
    ]);

    // A venue a door guards is not archived from under it.
    const busy = await coordinator.call('POST', `${venuesUrl()}/${foro?.id}`, { body: { archived: true } });
    expect([busy.status, errorOf(busy).message]).toEqual([
      409,
      'archived: Foro infantil is guarded by Puerta foro: put those door kiosks at another venue first',
    ]);

    const issued = await t.call('POST', `/v1/events/${eventId}/tickets`, {
      token: await t.tokenFor('coordinator'),
      body: { type: 'General', count: 3 },
    });
    const [a, b, c] = IssueTicketsResponseSchema.parse(issued.body).tickets;
    await foroDoor.pull();
    await mainDoor.pull();
    const foroGate = foroDoor.door('Foro');
    const mainGate = mainDoor.door('Norte');
    await foroGate.scan(a?.text ?? '', at(0));
    await foroGate.scan(b?.text ?? '', at(1));
    await foroGate.scan(a?.text ?? '', at(2), 'exit');
    await mainGate.scan(c?.text ?? '', at(3));
    for (const [replica, gate] of [
      [foroDoor, foroGate],
      [mainDoor, mainGate],
    ] as const) {
      const pushed = await replica.push(replica.outbox(gate.events));
      expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
      PushResponseSchema.parse(pushed.body);
    }

    const expected = [
      {
        venueId: main?.id,
        name: 'Explanada principal',
        capacity: 4500,
        inside: 1,
        entries: 1,
        exits: 0,
        doors: [{ deviceId: mainDoor.device.deviceId, name: 'Puerta norte' }],
      },
      {
        venueId: carpa?.id,
        name: 'Carpa de cocineras',
        capacity: null,
        inside: 0,
        entries: 0,
        exits: 0,
        doors: [],
      },
      {
        venueId: foro?.id,
        name: 'Foro infantil',
        capacity: 300,
        inside: 1,
        entries: 2,
        exits: 1,
        doors: [{ deviceId: foroDoor.device.deviceId, name: 'Puerta foro' }],
      },
    ];
    const dashboard = await coordinator.call('GET', `/console/api/dashboard?eventId=${eventId}`);
    expect(DashboardResponseSchema.parse(dashboard.body).occupancy.byVenue).toEqual(expected);
    const report = await t.call('GET', `/v1/events/${eventId}/occupancy`, {
      token: await t.tokenFor('coordinator'),
    });
    expect(OccupancyResponseSchema.parse(report.body)).toMatchObject({ inside: 2, byVenue: expected });

    // Back at the default venue, the foro door's scans count there.
    await put(foroDoor.device.deviceId, null);
    const after = await coordinator.call('GET', `/console/api/dashboard?eventId=${eventId}`);
    const byVenue = DashboardResponseSchema.parse(after.body).occupancy.byVenue;
    expect(byVenue.map((v) => [v.name, v.entries, v.exits, v.doors.length])).toEqual([
      ['Explanada principal', 3, 1, 2],
      ['Carpa de cocineras', 0, 0, 0],
      ['Foro infantil', 0, 0, 0],
    ]);
  });

  it('sends a door its venue in the door stream when it is moved and when the venue changes', async () => {
    const salon = await add('Salón de danza', 80);
    const door = new DoorReplica(t, await t.enrol(eventId, 'Puerta danza', 'door'));
    await door.pull();
    const put = (venueId: string | null) =>
      coordinator.call('POST', `/console/api/kiosks/${door.device.deviceId}/venue`, { body: { venueId } });
    const venueChanges = async () =>
      (await door.pull()).flatMap((c) =>
        c.kind === 'door_config'
          ? (c.payload.venues ?? [])
              .filter((v) => v.doorIds.includes(door.device.deviceId))
              .map(({ name, capacity }) => ({ name, capacity }))
          : [],
      );

    expect((await put(salon.id)).status).toBe(200);
    expect(await venueChanges()).toEqual([{ name: 'Salón de danza', capacity: 80 }]);
    expect(door.config.capacity, 'the default venue’s, for doors before venues').toBe(4500);
    // The same venue again is no change; a new name and capacity are one.
    expect((await put(salon.id)).status).toBe(200);
    expect(await venueChanges()).toEqual([]);
    const edited = await coordinator.call('POST', `${venuesUrl()}/${salon.id}`, {
      body: { name: 'Salón de baile', capacity: 60 },
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await venueChanges()).toEqual([{ name: 'Salón de baile', capacity: 60 }]);
    // Back at the default venue, no venue lists it: it counts for the default one.
    expect((await put(null)).status).toBe(200);
    const back = await door.pull();
    expect(back.map((c) => c.kind)).toEqual(['door_config']);
    expect(door.config.venues?.[0]).toMatchObject({ name: 'Explanada principal', isDefault: true });
    expect(door.config.venues?.some((v) => v.doorIds.includes(door.device.deviceId))).toBe(false);
  });
});
