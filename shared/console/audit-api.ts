// The audit log as the console reads it (GET /console/api/audit, admins): the actions an entry
// can record, the page's query and its answer. The server writes the log (sync-server/console/
// audit.ts); the console shows it.
import { z } from 'zod';
import { IsoTimeSchema } from '../sync/protocol';

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
  // A kiosk's USB bundle imported from the console (records carried from a venue with no network).
  'bundle_imported',
  // Written with the CLI only: a database put back from a backup (the entry is in the restored
  // database: what comes before it came from the backup), and demo records loaded.
  'server_restored',
  'demo_data_loaded',
]);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AUDIT_PAGE_SIZE = 50;

/** Where the next page starts: the last entry shown, as "at,id" (entries sort by at, then id). */
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z),(aud_[0-9a-f-]{36})$/;
export const cursorOf = (entry: { at: string; id: string }): string => `${entry.at},${entry.id}`;

/** A bound as an instant with its offset (the page sends the start of the user's local day). */
const TimeBound = z.iso
  .datetime({ offset: true, error: 'an ISO 8601 time with offset, e.g. 2026-12-07T00:00:00-06:00' })
  // Stored times are UTC with milliseconds, compared as text: the bound is written the same way.
  .transform((text) => new Date(text).toISOString());

export const AuditQuerySchema = z
  .strictObject({
    action: AuditActionSchema.optional(),
    actor: z.string().trim().min(1).max(80).optional(),
    /** Entries at or after this instant. */
    from: TimeBound.optional(),
    /** Entries before this instant (the page sends the start of the day after the last one). */
    to: TimeBound.optional(),
    /** The previous page's `next`. */
    before: z
      .string()
      .regex(CURSOR, "a cursor from the previous page's next")
      .transform((text) => {
        const [at = '', id = ''] = text.split(',');
        return { at, id };
      })
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(AUDIT_PAGE_SIZE),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    path: ['to'],
    message: 'must be later than from',
  });
export type AuditQuery = z.input<typeof AuditQuerySchema>;

export const AuditEntrySchema = z.object({
  id: z.string(),
  at: IsoTimeSchema,
  actor: z.string(),
  action: AuditActionSchema,
  /** Ids, names and counts: no entry holds a visitor's personal data (docs/console.md). */
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEntryRow = z.infer<typeof AuditEntrySchema>;

export const AuditPageResponseSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** The `before` of the next, older page; null on the last one. */
  next: z.string().nullable(),
  serverTime: IsoTimeSchema,
});
export type AuditPage = z.infer<typeof AuditPageResponseSchema>;
