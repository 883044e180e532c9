// The audit log: who did what and when, for sign-ins (and failed ones), sign-outs, exports, every
// read of personal data and every set-up change. Rows are only ever added.
import { z } from 'zod';
import {
  AuditActionSchema,
  AuditEntrySchema,
  cursorOf,
  type AuditAction,
  type AuditEntryRow,
  type AuditQuerySchema,
} from '../../shared/console/audit-api';
import type { ServerDb } from '../db/server-database';
import { v7 as uuidv7 } from 'uuid';
import { consoleDb } from './tables';

// The actions live beside the console's audit page, which names them (shared/console/audit-api.ts).
export { AuditActionSchema, type AuditAction };

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
/**
 * Audits a change with what it changed, field by field as [before, after] under `changes`: one rule
 * for every set-up change, so a change that changed nothing writes no entry.
 */
export async function auditChanges<T extends object>(
  s: ServerDb,
  entry: { actor: string; action: AuditAction; detail: Record<string, unknown> },
  change: { before: T; after: T; fields: readonly (keyof T & string)[] },
  now: Date,
): Promise<void> {
  const changes = changedFields(change.before, change.after, change.fields);
  if (Object.keys(changes).length > 0)
    await audit(s, { ...entry, detail: { ...entry.detail, changes } }, now);
}

function changedFields<T extends object>(
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

/**
 * A page of the log for the console, newest first, keyset on (at, id): entries written in the same
 * millisecond are told apart by their id, so no entry is on two pages or none.
 */
export async function readAuditPage(
  s: ServerDb,
  query: z.output<typeof AuditQuerySchema>,
): Promise<{ entries: AuditEntryRow[]; next: string | null }> {
  const { action, actor, from, to, before, limit } = query;
  let select = consoleDb(s).selectFrom('audit_log').selectAll();
  if (action !== undefined) select = select.where('action', '=', action);
  if (actor !== undefined) select = select.where('actor', '=', actor);
  if (from !== undefined) select = select.where('at', '>=', from);
  if (to !== undefined) select = select.where('at', '<', to);
  if (before !== undefined) {
    select = select.where((eb) =>
      eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  // One more than the page: whether there is an older page, without counting.
  const rows = await select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const entries = rows
    .slice(0, limit)
    .map((row) => AuditEntrySchema.parse({ ...row, detail: JSON.parse(row.detail) as unknown }));
  const last = entries.at(-1);
  return { entries, next: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
