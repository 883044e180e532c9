// Door mode in the kiosk core: a scanned text becomes a verdict and an immutable scan event in the
// outbox, and the door screen's status (occupancy, double entries, what the door knows) is read
// from the door's tables. Scans run one at a time, so a ticket scanned by the camera and the USB
// scanner at once is judged twice in order, never both as the first entry.
import type { DoorDoubleEntry, DoorStatus, DoorVerdict, SyncStatus } from '../../../shared/ipc/contract';
import { CallFailure } from '../../../shared/ipc/result';
import type { KioskSettings } from '../../../shared/kiosk/kiosk-settings';
import {
  buildScanEvent,
  parseTicketKey,
  ticketKey,
  type Direction,
} from '../../../shared/tickets/scan-event';
import { findDoubleEntries, orderScans } from '../../../shared/tickets/scan-order';
import { validateScan } from '../../../shared/tickets/validate-scan';
import type { KioskDb } from '../db/migrate';
import { pendingCount } from '../outbox/outbox';
import { readEventName } from '../settings/event-name';
import { readClockOffset } from '../sync/sync-state';
import { createDoorStore, scanView, type DoorStore } from './door-store';
import { venueOccupancy } from './door-venue';

/** Double entries listed on the door screen; the count covers them all. */
const SHOWN_DOUBLE_ENTRIES = 20;

export type DoorContext = {
  db: KioskDb;
  deviceId: string;
  now: () => Date;
  settings: () => KioskSettings;
  sync: () => SyncStatus;
};

export type Door = {
  store: DoorStore;
  scan(text: string, direction: Direction): Promise<DoorVerdict>;
  status(): DoorStatus;
};

export function createDoor(ctx: DoorContext): Door {
  const { db, deviceId } = ctx;
  const store = createDoorStore(db);
  let queue: Promise<unknown> = Promise.resolve();

  const doorSettings = () => {
    const settings = ctx.settings();
    if (settings.mode !== 'door') {
      throw new CallFailure(
        'forbidden',
        'this kiosk is not in door mode: choose door mode in the staff settings',
      );
    }
    return settings;
  };

  async function judge(text: string, direction: Direction): Promise<DoorVerdict> {
    const { eventId, gate } = doorSettings();
    const wall = ctx.now();
    // Validity windows and "scanned again here" use the best estimate of server time.
    const corrected = new Date(wall.getTime() + (readClockOffset(db) ?? 0));
    const place = { eventId, gate, deviceId, direction };
    const verdict = await validateScan(text, {
      ...place,
      now: corrected,
      rules: store.doorConfig(eventId).rules,
      lookups: store.lookups,
    });
    const event = store.recordScan(
      deviceId,
      (seq) => buildScanEvent({ verdict, text, place, seq, localTime: wall, correctedTime: corrected }),
      verdict.ticket === null ? null : ticketKey(verdict.ticket.ref),
    );
    const { ticket } = verdict;
    return {
      scan: scanView({ ...event, serverSeq: null }, deviceId),
      reason: verdict.reason,
      needsAttention: verdict.needsAttention,
      ticket:
        ticket === null ? null : { source: ticket.ref.source, type: ticket.type, holder: ticket.holder },
      previousScan: verdict.previousScan === null ? null : scanView(verdict.previousScan, deviceId),
    };
  }

  function doubleEntries(eventId: string, allowReentry: boolean): DoorDoubleEntry[] {
    const found = store.ticketsEnteredTwice(eventId).flatMap((key) => {
      return findDoubleEntries(store.scansOf(key), { allowReentry }).map((d) => ({ key, ...d }));
    });
    // Newest first: the one staff most likely need to act on.
    found.sort((a, b) => orderScans(b.duplicate, a.duplicate));
    return found.map(({ key, winner, duplicate, kind }) => {
      const ticket = parseTicketKey(key);
      if (ticket === undefined) throw new Error(`door: scans stored under a bad ticket key ${key}`);
      return {
        ticket,
        holder: store.holderOf(key),
        kind,
        winner: scanView(winner, deviceId),
        duplicate: scanView(duplicate, deviceId),
      };
    });
  }

  return {
    store,
    scan(text, direction) {
      const result = queue.then(() => judge(text, direction));
      queue = result.catch(() => undefined);
      return result;
    },
    status() {
      const { eventId, gate } = doorSettings();
      const config = store.doorConfig(eventId);
      const counts = store.counts(eventId, deviceId);
      const { venue, capacity, entries, exits } = venueOccupancy(config, deviceId, {
        event: counts,
        at: (doorIds) => store.countsAt(eventId, doorIds),
      });
      const doubles = doubleEntries(eventId, config.rules.allowReentry);
      return {
        eventId,
        eventName: readEventName(db, eventId),
        gate,
        rules: config.rules,
        occupancy: { venue, inside: Math.max(0, entries - exits), capacity, entries, exits },
        scansHere: counts.here,
        pendingSync: pendingCount(db),
        sync: ctx.sync(),
        known: { keys: counts.keys, tickets: counts.tickets, revocations: counts.revocations },
        doubleEntries: doubles.slice(0, SHOWN_DOUBLE_ENTRIES),
        doubleEntryCount: doubles.length,
      };
    },
  };
}
