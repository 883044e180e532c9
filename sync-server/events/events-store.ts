// Events and the forms attached to them. Both go down to kiosks through the pull log.
import type { Kysely } from 'kysely';
import {
  FormDefinitionSchema,
  FormKindSchema,
  LocalizedSchema,
  type FormDefinition,
} from '../../shared/forms/form-definition';
import { readXlsFormCsv, type XlsFormCsvSheets } from '../../shared/forms/xlsform-csv';
import {
  CreateEventRequestSchema,
  type Event,
  type FormSummary,
  type FormUploadStatus,
} from '../../shared/sync/admin-api';
import type { ServerDb } from '../db/server-database';
import type { Database } from '../db/schema';
import { appendChanges } from '../sync/change-log';
import { canonicalJson } from '../../shared/sync/node/canonical-json';
import { SyncError } from '../sync-error';
import { parseOrThrow } from '../validation';
import { checkMediaFiles, formMediaRefs, insertFormMedia, replaceFormMedia } from './form-media-store';
import type { FormMediaRef, FormPayload } from '../../shared/sync/protocol';
import type { FormMediaFile } from '../../shared/forms/node/form-media';
import { createDefaultVenue } from '../venues/default-venue';
import { uploadError } from './upload-error';

/** `dates`: the console's first and last day and time zone (event-details.ts checks them). */
export async function createEvent(
  s: ServerDb,
  input: { id: string; name: string },
  now = new Date(),
  dates: { starts_on: string | null; ends_on: string | null; time_zone: string | null } = {
    starts_on: null,
    ends_on: null,
    time_zone: null,
  },
): Promise<Event> {
  const { id, name } = parseOrThrow(CreateEventRequestSchema, input, 'event');
  const event: Event = { id, name, createdAt: now.toISOString() };
  return s.transaction(async (trx) => {
    const existing = await trx.selectFrom('events').select('id').where('id', '=', id).executeTakeFirst();
    if (existing !== undefined)
      throw new SyncError('conflict', `event ${id} already exists`, { field: 'id' });
    await trx
      .insertInto('events')
      .values({ id, name, created_at: event.createdAt, ...dates })
      .execute();
    await createDefaultVenue(trx, event);
    await appendChanges(
      trx,
      s.kind,
      [{ kind: 'event', id, payload: { id, name }, scope: { eventId: id } }],
      now,
    );
    return event;
  });
}

export async function listEvents(s: ServerDb): Promise<Event[]> {
  const rows = await s.db.selectFrom('events').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

export async function requireEvent(
  db: Kysely<Database>,
  eventId: string,
): Promise<{ id: string; name: string }> {
  const row = await db
    .selectFrom('events')
    .select(['id', 'name'])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (row === undefined) throw new SyncError('not_found', `no event ${eventId}`);
  return row;
}

/** Reads an uploaded XLSForm; a fault names the sheet, row and column. */
export function readFormSheets(sheets: XlsFormCsvSheets): FormDefinition {
  try {
    return readXlsFormCsv(sheets);
  } catch (e) {
    throw uploadError(e);
  }
}

/**
 * Attaches one form version to an event. A version's definition is immutable: the same one again is
 * "unchanged", a different form under the same version is a conflict (bump the version). Its images
 * are whatever was uploaded last: the same definition with another set of images replaces them
 * ("media_replaced") and tells kiosks again.
 */
export async function addForm(
  s: ServerDb,
  eventId: string,
  definition: FormDefinition,
  now = new Date(),
  media: readonly FormMediaFile[] = [],
): Promise<{ form: FormSummary; status: FormUploadStatus }> {
  const text = canonicalJson(definition);
  checkMediaFiles(definition, media);
  return s.transaction(async (trx) => {
    await requireEvent(trx, eventId);
    const existing = await trx
      .selectFrom('forms')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('form_id', '=', definition.formId)
      .where('version', '=', definition.version)
      .executeTakeFirst();
    if (existing !== undefined) {
      if (existing.definition !== text) {
        throw new SyncError(
          'conflict',
          `form ${definition.formId} version ${definition.version} is already attached to ${eventId} with different content: give the changed form a new version`,
        );
      }
      const replaced = await replaceFormMedia(trx, eventId, definition, media);
      if (replaced === undefined) return { form: toSummary(existing), status: 'unchanged' as const };
      await appendFormChange(trx, s, eventId, definition, replaced, now);
      return { form: toSummary(existing), status: 'media_replaced' as const };
    }
    const row = {
      event_id: eventId,
      form_id: definition.formId,
      version: definition.version,
      kind: definition.kind,
      title: JSON.stringify(definition.title),
      definition: text,
      created_at: now.toISOString(),
    };
    await trx.insertInto('forms').values(row).execute();
    const refs = await insertFormMedia(trx, eventId, definition, media);
    await appendFormChange(trx, s, eventId, definition, refs, now);
    return { form: toSummary(row), status: 'added' as const };
  });
}

/** The pull change that brings a form version, with its images' refs, to the event's kiosks. */
async function appendFormChange(
  trx: Kysely<Database>,
  s: ServerDb,
  eventId: string,
  definition: FormDefinition,
  refs: FormMediaRef[],
  now: Date,
): Promise<void> {
  const payload = refs.length === 0 ? { eventId, definition } : { eventId, definition, media: refs };
  await appendChanges(
    trx,
    s.kind,
    [{ kind: 'form', id: formChangeId(definition), payload, scope: { eventId } }],
    now,
  );
}

export const formChangeId = (d: { formId: string; version: string }): string => `${d.formId}@${d.version}`;

export async function listForms(db: Kysely<Database>, eventId: string): Promise<FormSummary[]> {
  await requireEvent(db, eventId);
  const rows = await db
    .selectFrom('forms')
    .selectAll()
    .where('event_id', '=', eventId)
    .orderBy('form_id')
    .orderBy('created_at')
    .execute();
  return rows.map(toSummary);
}

/** The ids of the forms attached to the event (any version), sorted. */
export async function eventFormIds(db: Kysely<Database>, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('forms')
    .select('form_id')
    .distinct()
    .where('event_id', '=', eventId)
    .orderBy('form_id')
    .execute();
  return rows.map((r) => r.form_id);
}

/** Every version of every form attached to the event, as definitions. */
export async function eventFormDefinitions(db: Kysely<Database>, eventId: string): Promise<FormDefinition[]> {
  const rows = await db
    .selectFrom('forms')
    .select('definition')
    .where('event_id', '=', eventId)
    .orderBy('form_id')
    .orderBy('created_at')
    .execute();
  return rows.map((r) => FormDefinitionSchema.parse(JSON.parse(r.definition)));
}

/** Every form version of the event as its pull change payload, with its media (for a kiosk moved there). */
export async function eventFormPayloads(db: Kysely<Database>, eventId: string): Promise<FormPayload[]> {
  const payloads: FormPayload[] = [];
  for (const definition of await eventFormDefinitions(db, eventId)) {
    const media = await formMediaRefs(db, eventId, definition.formId, definition.version);
    payloads.push(media.length === 0 ? { eventId, definition } : { eventId, definition, media });
  }
  return payloads;
}

function toSummary(row: Database['forms']): FormSummary {
  return {
    eventId: row.event_id,
    formId: row.form_id,
    version: row.version,
    kind: FormKindSchema.parse(row.kind),
    title: LocalizedSchema.parse(JSON.parse(row.title)),
    createdAt: row.created_at,
  };
}
