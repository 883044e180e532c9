// The audit log: who did what and when, for sign-ins (and failed ones), sign-outs, exports, every
// read of personal data and every set-up change. Rows are only ever added.
import { z } from 'zod';
import type { ServerDb } from '../db/server-database';
import { v7 as uuidv7 } from 'uuid';
import { consoleDb } from './tables';

export const AuditActionSchema = z.enum([
  'sign_in',
  'sign_in_failed',
  'locked_out',
  'sign_out',
  'export',
  'personal_data_read',
  // Set-up changes, made from the console, through the /v1 API or with `quiosco admin` (events,
  // forms, kiosks, accounts).
  'event_created',
  'event_updated',
  'event_archived',
  'venue_created',
  'venue_updated',
  'kiosk_venue_set',
  'form_uploaded',
  'enrol_code_created',
  'kiosk_assigned',
  'kiosk_mode_set',
  'kiosk_revoked',
  'user_created',
  'user_disabled',
  'api_token_created',
  'api_token_revoked',
  // Tickets and door rules, through /v1 (and the console's tickets page) or with `quiosco tickets`.
  'ticket_key_created',
  'ticket_key_retired',
  'tickets_issued',
  'tickets_imported',
  'ticket_revoked',
  'ticket_blocked',
  'ticket_unblocked',
  'door_rules_set',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export type AuditEntry = { at: string; actor: string; action: AuditAction; detail: Record<string, unknown> };

export async function audit(
  s: ServerDb,
  entry: { actor: string; action: AuditAction; detail?: Record<string, unknown> },
  now = new Date(),
): Promise<void> {
  await consoleDb(s)
    .insertInto('audit_log')
    .values({
      // UUIDv7: entries written in the same millisecond keep their order (at, then id).
      id: `aud_${uuidv7()}`,
      at: now.toISOString(),
      actor: entry.actor,
      action: entry.action,
      detail: JSON.stringify(entry.detail ?? {}),
    })
    .execute();
}

/** The fields that differ between two states of a thing, each as [before, after]. */
export function changedFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): Record<string, [unknown, unknown]> {
  // Compared as JSON so that lists (a kiosk's forms) compare by content.
  const differs = (f: keyof T) => JSON.stringify(before[f]) !== JSON.stringify(after[f]);
  return Object.fromEntries(fields.filter(differs).map((f) => [f, [before[f], after[f]]]));
}

/**
 * A read of personal data by a person (API token or console user): who, and what (`detail` names
 * the records, columns or photo, and `via` the API or the console). Kiosks are not audited here.
 */
export function auditPersonalRead(
  s: ServerDb,
  reader: { name: string },
  detail: { via: 'api' | 'console' } & Record<string, unknown>,
  now = new Date(),
): Promise<void> {
  return audit(s, { actor: reader.name, action: 'personal_data_read', detail }, now);
}

/** The newest entries first. */
export async function listAudit(s: ServerDb, limit = 200): Promise<AuditEntry[]> {
  const rows = await consoleDb(s)
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    at: row.at,
    actor: row.actor,
    action: AuditActionSchema.parse(row.action),
    detail: z.record(z.string(), z.unknown()).parse(JSON.parse(row.detail)),
  }));
}
