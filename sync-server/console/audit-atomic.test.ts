// A set-up change and its audit entry are written in one transaction: when the entry cannot be
// written (a trigger on audit_log refuses it here), the change is not applied either, nor sent to
// kiosks; otherwise both are. One change of each set-up module, on SQLite and PostgreSQL.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFormSheets } from '../../shared/forms/node/demo-forms';
import type { ServerDb } from '../db/server-database';
import { assignKiosk, revokeKiosk } from '../devices/kiosk-setup';
import { listDevices } from '../devices/devices-store';
import { readEventBranding } from '../events/event-branding';
import { brandEvent, setUpEventWithDetails } from '../events/event-setup';
import { listEvents, listForms, readFormSheets } from '../events/events-store';
import { attachForm } from '../events/form-upload';
import { DB_KINDS, openServerForTest, type TestServer } from '../testing/test-server';
import { doorConfig } from '../tickets/door-settings';
import { importTicketList, setTicketRevocation } from '../tickets/ticket-setup';
import { importTickets } from '../tickets/tickets-store';
import { defaultVenueId } from '../venues/default-venue';
import { changeVenue } from '../venues/venue-setup';
import { listVenues } from '../venues/venues-store';
import { listAudit, type AuditAction } from './audit';
import { listUsers } from './accounts';
import { addConsoleUser } from './user-setup';

const ACTOR = 'ana';
const csv = (eventId: string, code: string) =>
  `code,event,ticket_type,holder_name\r\n${code},${eventId},General,Ana García\r\n`;

/** Makes every insert into audit_log fail with "audit down" until the returned function runs. */
async function auditDown(s: ServerDb): Promise<() => Promise<void>> {
  const run = (statement: string) => sql.raw(statement).execute(s.db);
  if (s.kind === 'sqlite') {
    await run(
      `CREATE TRIGGER audit_down BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit down'); END`,
    );
    return async () => void (await run('DROP TRIGGER audit_down'));
  }
  await run(`CREATE FUNCTION audit_down() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit down'; END $$`);
  await run(
    'CREATE TRIGGER audit_down BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_down()',
  );
  return async () => {
    await run('DROP TRIGGER audit_down ON audit_log');
    await run('DROP FUNCTION audit_down()');
  };
}

type Fixture = {
  s: ServerDb;
  eventId: string;
  /** Also its default venue's name. */
  eventName: string;
  otherEventId: string;
  deviceId: string;
  doorId: string;
};

type Case = {
  name: string;
  action: AuditAction;
  change(f: Fixture): Promise<unknown>;
  /** What the change alters, read back; `before` and `after` are its value without and with it. */
  state(f: Fixture): Promise<unknown>;
  before: (f: Fixture) => unknown;
  after: (f: Fixture) => unknown;
};

const kioskEvent = async ({ s, deviceId }: Fixture) =>
  (await listDevices(s)).find((d) => d.id === deviceId)?.eventId;
const doorRevoked = async ({ s, doorId }: Fixture) =>
  (await listDevices(s)).find((d) => d.id === doorId)?.revokedAt !== null;
const eventIds = async ({ s }: Fixture) =>
  (await listEvents(s)).map((e) => e.id).filter((id) => id === 'feria');
const revoked = async ({ s }: Fixture) =>
  (await s.db.selectFrom('ticket_revocations').select(['ticket_id', 'status']).execute()).map(
    (r) => `${r.ticket_id} ${r.status}`,
  );
const ticketIds = async ({ s, eventId }: Fixture) =>
  (
    await s.db
      .selectFrom('tickets')
      .select('ticket_id')
      .where('event_id', '=', eventId)
      .orderBy('ticket_id')
      .execute()
  ).map((r) => r.ticket_id);

const CASES: Case[] = [
  {
    name: 'moving a kiosk to another event',
    action: 'kiosk_assigned',
    change: (f) => assignKiosk(f.s, f.deviceId, { eventId: f.otherEventId, offeredForms: [] }, ACTOR),
    state: kioskEvent,
    before: (f) => f.eventId,
    after: (f) => f.otherEventId,
  },
  {
    name: 'revoking a kiosk',
    action: 'kiosk_revoked',
    change: (f) => revokeKiosk(f.s, f.doorId, ACTOR),
    state: doorRevoked,
    before: () => false,
    after: () => true,
  },
  {
    // Two writes before the entry (the event, then its door capacity): none of them stays.
    name: 'creating an event with its capacity',
    action: 'event_created',
    change: ({ s }) =>
      setUpEventWithDetails(
        s,
        { id: 'feria', name: 'Feria', startsOn: null, endsOn: null, timeZone: null, capacity: 300 },
        ACTOR,
      ),
    state: async (f) => [await eventIds(f), (await doorConfig(f.s.db, 'feria')).capacity],
    before: () => [[], null],
    after: () => [['feria'], 300],
  },
  {
    name: 'branding an event',
    action: 'event_updated',
    change: ({ s, eventId }) => brandEvent(s, eventId, { colours: { background: '#4A0E4E' } }, ACTOR),
    state: async ({ s, eventId }) => (await readEventBranding(s.db, eventId))?.colours?.background ?? null,
    before: () => null,
    after: () => '#4a0e4e',
  },
  {
    name: 'renaming a venue',
    action: 'venue_updated',
    change: ({ s, eventId }) =>
      changeVenue(s, eventId, defaultVenueId(eventId), { name: 'Explanada' }, ACTOR),
    state: async ({ s, eventId }) => (await listVenues(s, eventId)).map((v) => v.name),
    before: (f) => [f.eventName],
    after: () => ['Explanada'],
  },
  {
    name: 'creating a console user',
    action: 'user_created',
    change: ({ s }) =>
      addConsoleUser(s, { username: 'luis', role: 'coordinator', password: 'la puerta norte 2027' }, ACTOR),
    state: async ({ s }) => (await listUsers(s)).map((u) => u.username),
    before: () => [],
    after: () => ['luis'],
  },
  {
    name: 'revoking a ticket',
    action: 'ticket_revoked',
    change: ({ s }) => setTicketRevocation(s, 'revoke', { ticket: 'TAQ-1' }, ACTOR),
    state: revoked,
    before: () => [],
    after: () => ['TAQ-1 revoked'],
  },
  {
    name: 'importing tickets',
    action: 'tickets_imported',
    change: ({ s, eventId }) => importTicketList(s, csv(eventId, 'TAQ-2'), 'refuse', ACTOR),
    state: ticketIds,
    before: () => ['TAQ-1'],
    after: () => ['TAQ-1', 'TAQ-2'],
  },
  {
    name: 'uploading a form',
    action: 'form_uploaded',
    change: ({ s, eventId }) =>
      attachForm(s, eventId, readFormSheets(demoFormSheets('registro-visitantes')), [], ACTOR),
    state: async ({ s, eventId }) => (await listForms(s.db, eventId)).length,
    before: () => 1,
    after: () => 2,
  },
];

describe.each(DB_KINDS)('set-up changes and their audit entries on %s', (kind) => {
  let t: TestServer;
  let f: Fixture;
  beforeAll(async () => {
    t = await openServerForTest(kind);
    const s = t.server.db;
    const eventId = await t.createEvent(['encuesta-impacto-economico']);
    const otherEventId = await t.createEvent();
    const eventName = (await listEvents(s)).find((e) => e.id === eventId)?.name ?? '';
    await importTickets(s, csv(eventId, 'TAQ-1'), 'refuse');
    const { deviceId } = await t.enrol(eventId, 'Kiosko 1');
    const { deviceId: doorId } = await t.enrol(eventId, 'Puerta 1', 'door');
    f = { s, eventId, eventName, otherEventId, deviceId, doorId };
  });
  afterAll(() => t?.close());

  const counts = async () => ({
    audit: (await listAudit(f.s, 10_000)).length,
    changes: await t.count('changes'),
  });

  it.each(CASES)(
    '$name: not applied when its entry cannot be written, applied with it otherwise',
    async (c) => {
      expect(await c.state(f)).toEqual(c.before(f));
      const was = await counts();
      const restore = await auditDown(f.s);
      try {
        await expect(c.change(f)).rejects.toThrow(/^audit down$/);
      } finally {
        await restore();
      }
      expect(await c.state(f)).toEqual(c.before(f));
      // Nor sent to kiosks: the pull log is as it was.
      expect(await counts()).toEqual(was);

      await c.change(f);
      expect(await c.state(f)).toEqual(c.after(f));
      const [entry] = await listAudit(f.s, 1);
      expect([entry?.actor, entry?.action]).toEqual([ACTOR, c.action]);
      expect((await counts()).audit).toBe(was.audit + 1);
    },
  );
});
