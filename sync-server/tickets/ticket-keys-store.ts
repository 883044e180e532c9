// The events' ticket signing keys. The server keeps the private keys (PKCS #8) and publishes the
// public ones to door kiosks through the pull log. Rotation: create a new key (new tickets are
// signed with the newest active one), let kiosks sync it, then retire the old one if it must stop
// admitting (a leak); tickets signed with a retired key read as forged at the door.
import type { Kysely } from 'kysely';
import {
  MAX_KEY_ID,
  exportPrivateKey,
  exportPublicKey,
  generateTicketKey,
  importPrivateKey,
  type TicketSigningKey,
} from '../../shared/tickets/ticket-keys';
import type { ServerDb } from '../db/server-database';
import type { Database, DatabaseKind } from '../db/schema';
import { requireEvent } from '../events/events-store';
import { appendChanges, type NewChange } from '../sync/change-log';
import { SyncError } from '../sync-error';
import type { TicketKeySummary } from './ticket-api';
import { lockEvent } from './tickets-store';

type KeyRow = Database['ticket_keys'];

export async function createTicketKey(
  s: ServerDb,
  eventId: string,
  now = new Date(),
): Promise<TicketKeySummary> {
  return s.transaction(async (trx) => toSummary(await addKey(trx, s.kind, eventId, now)));
}

/** A new key with the next unused id (ids are never reused, so a retired key stays retired). */
async function addKey(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  eventId: string,
  now: Date,
): Promise<KeyRow> {
  await lockEvent(trx, kind, eventId);
  const last = await trx
    .selectFrom('ticket_keys')
    .select((eb) => eb.fn.max('key_id').as('max'))
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  const keyId = last?.max === null || last?.max === undefined ? 0 : Number(last.max) + 1;
  if (keyId > MAX_KEY_ID) {
    throw new SyncError('conflict', `event ${eventId} has used all ${MAX_KEY_ID + 1} ticket key ids`);
  }
  const pair = await generateTicketKey(keyId);
  const row: KeyRow = {
    event_id: eventId,
    key_id: keyId,
    public_key: await exportPublicKey(pair.publicKey),
    private_key: await exportPrivateKey(pair.privateKey),
    created_at: now.toISOString(),
    retired_at: null,
  };
  await trx.insertInto('ticket_keys').values(row).execute();
  await appendChanges(trx, kind, [keyChange(row)], now);
  return row;
}

/** Retires a key; `changed` is false when it was retired already (nothing is written then). */
export async function retireTicketKey(
  s: ServerDb,
  eventId: string,
  keyId: number,
  now = new Date(),
): Promise<{ key: TicketKeySummary; changed: boolean }> {
  return s.transaction(async (trx) => {
    const row = await trx
      .selectFrom('ticket_keys')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('key_id', '=', keyId)
      .executeTakeFirst();
    if (row === undefined) throw new SyncError('not_found', `event ${eventId} has no ticket key ${keyId}`);
    if (row.retired_at !== null) return { key: toSummary(row), changed: false };
    const retired = { ...row, retired_at: now.toISOString() };
    await trx
      .updateTable('ticket_keys')
      .set({ retired_at: retired.retired_at })
      .where('event_id', '=', eventId)
      .where('key_id', '=', keyId)
      .execute();
    await appendChanges(trx, s.kind, [keyChange(retired)], now);
    return { key: toSummary(retired), changed: true };
  });
}

/** Every key of the event, retired ones included (what a door needs to tell forged from retired). */
export async function listTicketKeys(db: Kysely<Database>, eventId: string): Promise<TicketKeySummary[]> {
  await requireEvent(db, eventId);
  const rows = await db
    .selectFrom('ticket_keys')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('key_id')
    .execute();
  return rows.map(toSummary);
}

/**
 * The key new tickets are signed with: the newest active one. An event with no key at all gets
 * its first one here (`created`); one whose keys are all retired must have a new one made on purpose.
 */
export async function signingKey(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  eventId: string,
  now: Date,
): Promise<TicketSigningKey & { created: boolean }> {
  const rows = await trx
    .selectFrom('ticket_keys')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('key_id', 'desc')
    .execute();
  const active = rows.find((r) => r.retired_at === null);
  if (active === undefined && rows.length > 0) {
    throw new SyncError(
      'conflict',
      `every ticket key of event ${eventId} is retired: create a new one (quiosco tickets key create --event ${eventId})`,
    );
  }
  const row = active ?? (await addKey(trx, kind, eventId, now));
  return {
    keyId: row.key_id,
    privateKey: await importPrivateKey(row.private_key),
    created: active === undefined,
  };
}

function keyChange(row: KeyRow): NewChange {
  const payload = {
    eventId: row.event_id,
    keyId: row.key_id,
    publicKey: row.public_key,
    retired: row.retired_at !== null,
  };
  return {
    kind: 'ticket_key',
    id: `${row.event_id}/${row.key_id}`,
    payload,
    scope: { eventId: row.event_id },
  };
}

function toSummary(row: KeyRow): TicketKeySummary {
  return {
    eventId: row.event_id,
    keyId: row.key_id,
    publicKey: row.public_key,
    retired: row.retired_at !== null,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}
