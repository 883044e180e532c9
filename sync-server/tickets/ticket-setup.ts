// Tickets and door rules as people change them — through /v1 (the console's tickets page calls it
// with the user's session) or with `quiosco tickets` — each change made and audited in one call
// and one transaction, so that no change is ever written without its entry.
// The audit keeps ids and counts only: never a signing key, a box-office code, a holder or a reason
// (free text that may name someone).
import type { DoorConfigPayload } from '../../shared/sync/protocol';
import type { TicketRef } from '../../shared/tickets/scan-event';
import { audit, auditChanges } from '../console/audit';
import { inOneTransaction, type ServerDb } from '../db/server-database';
import { doorConfig, setDoorSettings } from './door-settings';
import { changeRevocation, type RevocationResult } from './revocations-store';
import type {
  DoorSettingsRequest,
  IssueTicketsRequest,
  OnError,
  RevocationAction,
  RevocationRequest,
  TicketImportReport,
  TicketKeySummary,
} from './ticket-api';
import { issueTickets, type IssueResult } from './ticket-issue';
import { createTicketKey, retireTicketKey } from './ticket-keys-store';
import { readTicketCsv } from './ticket-csv';
import { analyzeAfterImport, codeFingerprint, storeTicketImport } from './tickets-store';

const keyCreated = (
  s: ServerDb,
  key: Pick<TicketKeySummary, 'eventId' | 'keyId'>,
  actor: string,
  now: Date,
) =>
  audit(s, { actor, action: 'ticket_key_created', detail: { eventId: key.eventId, keyId: key.keyId } }, now);

/** A new signing key for the event; the audit names its id, never the key. */
export async function addTicketKey(
  s: ServerDb,
  eventId: string,
  actor: string,
  now = new Date(),
): Promise<TicketKeySummary> {
  return inOneTransaction(s, async (t) => {
    const key = await createTicketKey(t, eventId, now);
    await keyCreated(t, key, actor, now);
    return key;
  });
}

/** Retires a key; retiring a retired key changes nothing and leaves no entry. */
export async function retireKey(
  s: ServerDb,
  eventId: string,
  keyId: number,
  actor: string,
  now = new Date(),
): Promise<TicketKeySummary> {
  return inOneTransaction(s, async (t) => {
    const { key, changed } = await retireTicketKey(t, eventId, keyId, now);
    if (changed) await audit(t, { actor, action: 'ticket_key_retired', detail: { eventId, keyId } }, now);
    return key;
  });
}

/** Issues signed tickets: their type and count (and the key made for them, if any), never the holder. */
export async function issueTicketBatch(
  s: ServerDb,
  eventId: string,
  input: IssueTicketsRequest,
  actor: string,
  now = new Date(),
): Promise<IssueResult> {
  return inOneTransaction(s, async (t) => {
    const result = await issueTickets(t, eventId, input, now);
    const [first] = result.tickets;
    if (first === undefined) return result;
    if (result.keyCreated) await keyCreated(t, first, actor, now);
    const detail = { eventId, type: first.type, count: result.tickets.length, keyId: first.keyId };
    await audit(t, { actor, action: 'tickets_issued', detail }, now);
    return result;
  });
}

/** Imports the box office's CSV; audited by counts when it added or changed tickets. */
export async function importTicketList(
  s: ServerDb,
  csv: string,
  onError: OnError,
  actor: string,
  now = new Date(),
): Promise<TicketImportReport> {
  // A large file is parsed before the transaction and the tables analysed after its commit.
  const file = readTicketCsv(csv);
  const report = await inOneTransaction(s, async (t) => {
    const stored = await storeTicketImport(t, file, onError, now);
    const { rows, added, updated, unchanged, skipped } = stored;
    if (added + updated > 0) {
      const detail = { rows, added, updated, unchanged, skipped, onError };
      await audit(t, { actor, action: 'tickets_imported', detail }, now);
    }
    return stored;
  });
  await analyzeAfterImport(s, report);
  return report;
}

const REVOCATION_ACTION = {
  revoke: 'ticket_revoked',
  block: 'ticket_blocked',
  unblock: 'ticket_unblocked',
} as const;

/** A ticket as the audit names it: a box-office code (a credential) only by its fingerprint. */
const auditedTicket = (ref: TicketRef): string =>
  `${ref.source}:${ref.source === 'imported' ? codeFingerprint(ref.id) : ref.id}`;

/** Revokes, blocks or unblocks a ticket; a request that changes nothing leaves no entry. */
export async function setTicketRevocation(
  s: ServerDb,
  action: RevocationAction,
  input: RevocationRequest,
  actor: string,
  now = new Date(),
): Promise<RevocationResult> {
  return inOneTransaction(s, async (t) => {
    const result = await changeRevocation(t, action, input, now);
    if (result.changed) {
      const { eventId, ticket } = result.revocation;
      const detail = { eventId, ticket: auditedTicket(ticket) };
      await audit(t, { actor, action: REVOCATION_ACTION[action], detail }, now);
    }
    return result;
  });
}

const flat = (c: DoorConfigPayload) => ({ capacity: c.capacity, ...c.rules });

/** Sets the capacity and door rules; audited with what changed as [before, after]. */
export async function setDoorRules(
  s: ServerDb,
  eventId: string,
  patch: DoorSettingsRequest,
  actor: string,
  now = new Date(),
): Promise<DoorConfigPayload> {
  return inOneTransaction(s, async (t) => {
    const before = await doorConfig(t.db, eventId);
    const after = await setDoorSettings(t, eventId, patch, now);
    const fields = ['capacity', 'allowReentry', 'acceptPasses'] as const;
    const entry = { actor, action: 'door_rules_set', detail: { eventId } } as const;
    await auditChanges(t, entry, { before: flat(before), after: flat(after), fields }, now);
    return after;
  });
}
