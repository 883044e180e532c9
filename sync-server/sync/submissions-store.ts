// Reading back what kiosks pushed, page by page, for exports and for checking a sync end to end;
// anonymised for roles not allowed personal data.
import { SubmissionPayloadSchema, type SubmissionPayload } from '../../shared/sync/protocol';
import type { SubmissionRow } from '../../shared/sync/admin-api';
import type { ServerDb } from '../db/server-database';
import { requireEvent } from '../events/events-store';
import { eventAnonymiser } from './anonymise';

export async function listSubmissions(
  s: ServerDb,
  query: { eventId: string; after?: string | undefined; limit: number },
  /** The HTTP API decides by role; a caller on the database itself can read everything anyway. */
  anonymised = false,
): Promise<{ submissions: SubmissionRow[]; next: string | null; anonymised: boolean }> {
  await requireEvent(s.db, query.eventId);
  const shown = anonymised ? await eventAnonymiser(s.db, query.eventId) : (p: SubmissionPayload) => p;
  let select = s.db
    .selectFrom('submissions')
    .select(['id', 'device_id', 'received_at', 'payload'])
    .where('event_id', '=', query.eventId)
    .orderBy('id')
    .limit(query.limit + 1);
  if (query.after !== undefined) select = select.where('id', '>', query.after);
  const rows = await select.execute();
  const page = rows.slice(0, query.limit);
  return {
    submissions: page.map((r) => ({
      id: r.id,
      deviceId: r.device_id,
      receivedAt: r.received_at,
      payload: shown(SubmissionPayloadSchema.parse(JSON.parse(r.payload))),
    })),
    next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    anonymised,
  };
}
