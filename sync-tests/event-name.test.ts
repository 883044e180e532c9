// The event's name on a kiosk (real kiosk cores against a real sync server, SQLite and
// PostgreSQL): the staff and door screens' status carry it once the kiosk has pulled its event,
// null before (the screens show the id), and a name the coordinator changes arrives at the next
// sync, however it is written.
import { describe, expect, it } from 'vitest';
import type { ChannelOutput, DoorStatus } from '../shared/ipc/contract';
import { setDeviceMode } from '../sync-server/devices/devices-store';
import { editEvent, readEventDetails } from '../sync-server/events/event-details';
import { DB_KINDS } from '../sync-server/testing/test-server';
import { serverAndKiosks } from './support/server-and-kiosks';
import type { SyncKiosk } from './support/sync-kiosk';

/** Typed by a person: a right-to-left override and markup stay plain text in the name. */
const RENAMED = 'Feria del \u202ELibro <b>2026</b>';

describe.each(DB_KINDS)('the event name on kiosks on %s', (kind) => {
  const block = serverAndKiosks(kind);

  const names = async (kiosk: SyncKiosk) => {
    const staff: ChannelOutput<'staff:status'> = await kiosk.call('staff:status', {});
    const door: DoorStatus = await kiosk.call('door:status', {});
    return { staff: [staff.eventId, staff.eventName], door: [door.eventId, door.eventName] };
  };

  it('is null before enrolment, the server name after, and a new name after the next sync', async () => {
    const t = block.server;
    const eventId = await t.createEvent();
    const kiosk = await block.opened();
    const { settings } = await kiosk.call('staff:config', {});
    await kiosk.call('staff:configure', { settings: { ...settings, mode: 'door', gate: 'Norte' } });
    expect(await names(kiosk)).toEqual({ staff: ['demo', null], door: ['demo', null] });

    await kiosk.enrol(t.server, eventId);
    await setDeviceMode(t.server.db, kiosk.core.deviceId, 'door');
    await kiosk.call('staff:sync-now', {});
    const { name } = await readEventDetails(t.server.db.db, eventId);
    expect(await names(kiosk)).toEqual({ staff: [eventId, name], door: [eventId, name] });

    const edit = { name: RENAMED, startsOn: null, endsOn: null, timeZone: null, capacity: null };
    await editEvent(t.server.db, eventId, edit);
    await kiosk.call('staff:sync-now', {});
    expect(await names(kiosk)).toEqual({ staff: [eventId, RENAMED], door: [eventId, RENAMED] });
  });
});
