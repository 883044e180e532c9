// Applies a page of the door stream (tickets, keys, revocations, check-in rules, every door's
// scans) with its cursor, in one transaction. Each change is an upsert by kind and id, so a page
// pulled twice does no harm; a scan of this door coming back only gains its server order.
import type { PullChange } from '../../../shared/sync/protocol';
import { ticketKey } from '../../../shared/tickets/scan-event';
import type { KioskDb } from '../db/migrate';
import { applyWithCursor, type PulledPage } from '../sync/apply-pull';
import type { DoorStore } from './door-store';

export function applyDoorPage(
  ctx: { db: KioskDb; store: DoorStore; token: string },
  page: PulledPage,
): boolean {
  const { db, store } = ctx;
  const upsertConfig = db.prepare(
    `INSERT INTO door_config (event_id, config) VALUES (?, ?)
     ON CONFLICT (event_id) DO UPDATE SET config = excluded.config`,
  );
  const upsertKey = db.prepare(
    `INSERT INTO ticket_keys (event_id, key_id, public_key, retired) VALUES (?, ?, ?, ?)
     ON CONFLICT (event_id, key_id) DO UPDATE SET public_key = excluded.public_key, retired = excluded.retired`,
  );
  const upsertTicket = db.prepare(
    `INSERT INTO tickets (ticket_key, event_id, ticket_type, holder, valid_from, valid_to)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (ticket_key) DO UPDATE SET event_id = excluded.event_id, ticket_type = excluded.ticket_type,
       holder = excluded.holder, valid_from = excluded.valid_from, valid_to = excluded.valid_to`,
  );
  const upsertRevocation = db.prepare(
    `INSERT INTO revocations (ticket_key, status) VALUES (?, ?)
     ON CONFLICT (ticket_key) DO UPDATE SET status = excluded.status`,
  );
  const clearRevocation = db.prepare('DELETE FROM revocations WHERE ticket_key = ?');

  const apply = (change: PullChange): void => {
    switch (change.kind) {
      case 'door_config':
        upsertConfig.run(change.payload.eventId, JSON.stringify(change.payload));
        break;
      case 'ticket_key': {
        const { eventId, keyId, publicKey, retired } = change.payload;
        upsertKey.run(eventId, keyId, publicKey, retired ? 1 : 0);
        break;
      }
      case 'ticket': {
        const t = change.payload;
        if (t.source === 'imported') {
          const key = ticketKey({ source: 'imported', id: t.code });
          upsertTicket.run(key, t.eventId, t.ticketType, t.holder, t.validFrom, t.validTo);
        } else {
          const key = ticketKey({ source: 'signed', id: t.ticketId });
          upsertTicket.run(key, t.eventId, t.typeName, t.holder, t.validFrom, t.validTo);
        }
        break;
      }
      case 'revocation': {
        const key = ticketKey(change.payload.ticket);
        const { status } = change.payload;
        if (status === 'cleared') clearRevocation.run(key);
        else upsertRevocation.run(key, status);
        break;
      }
      case 'scan': {
        const scan = change.payload;
        store.upsertPulledScan(scan, scan.ticket === null ? null : ticketKey(scan.ticket), change.seq);
        break;
      }
      default:
        // The kiosk stream's kinds: pulled by the kiosk's own set-up pull.
        break;
    }
  };
  return (
    applyWithCursor(db, ctx.token, 'door', page.cursor, () => {
      for (const change of page.changes) apply(change);
      return true;
    }) ?? false
  );
}
