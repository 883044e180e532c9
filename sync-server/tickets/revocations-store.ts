// Revoking (for good: refunded, replaced) and blocking (until lifted: lost, under investigation)
// tickets and visitor passes. Door kiosks get each change as a 'revocation' pull change.
import { ticketKey } from '../../shared/tickets/scan-event';
import type { RevocationPayload } from '../../shared/sync/protocol';
import type { ServerDb } from '../db/server-database';
import { appendChanges } from '../sync/change-log';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { RevocationRequestSchema, type RevocationAction, type RevocationRequest } from './ticket-api';
import { resolveTicket } from './tickets-store';

export type RevocationResult = { revocation: RevocationPayload; changed: boolean };

/**
 * Revokes, blocks or unblocks a ticket. Asking for the state it is in already changes nothing (a
 * new reason is recorded). A revoked ticket stays revoked: blocking or unblocking it is a conflict.
 */
export async function changeRevocation(
  s: ServerDb,
  action: RevocationAction,
  input: RevocationRequest,
  now = new Date(),
): Promise<RevocationResult> {
  const request = parseOrThrow(RevocationRequestSchema, input, 'body');
  return s.transaction(async (trx) => {
    const { ref, eventId } = await resolveTicket(trx, request);
    const current = await trx
      .selectFrom('ticket_revocations')
      .selectAll()
      .where('source', '=', ref.source)
      .where('ticket_id', '=', ref.id)
      .executeTakeFirst();
    const name = ticketKey(ref);
    if (current?.status === 'revoked' && action !== 'revoke') {
      throw new SyncError('conflict', `${name} is revoked; a revoked ticket cannot be ${action}ed`);
    }
    const status: RevocationPayload['status'] =
      action === 'revoke' ? 'revoked' : action === 'block' ? 'blocked' : 'cleared';
    const reason = request.reason ?? (status === 'cleared' ? null : (current?.reason ?? null));
    const unchanged =
      status === 'cleared' ? current === undefined : current?.status === status && current.reason === reason;
    const at = now.toISOString();
    const revocation: RevocationPayload = {
      eventId,
      ticket: ref,
      status,
      reason,
      at: unchanged && current !== undefined ? current.updated_at : at,
    };
    if (unchanged) return { revocation, changed: false };
    if (status === 'cleared') {
      await trx
        .deleteFrom('ticket_revocations')
        .where('source', '=', ref.source)
        .where('ticket_id', '=', ref.id)
        .execute();
    } else {
      const row = {
        source: ref.source,
        ticket_id: ref.id,
        event_id: eventId,
        status,
        reason,
        updated_at: at,
      };
      await trx
        .insertInto('ticket_revocations')
        .values(row)
        .onConflict((oc) => oc.columns(['source', 'ticket_id']).doUpdateSet(row))
        .execute();
    }
    await appendChanges(
      trx,
      s.kind,
      [{ kind: 'revocation', id: name, payload: revocation, scope: { eventId } }],
      now,
    );
    return { revocation, changed: true };
  });
}
