// One stored version of an event's form, as the kiosks get it: the console's version view, its
// kiosk preview and the push check's form cache read it the same way, and name what is missing
// the same way.
import type { Kysely } from 'kysely';
import { FormDefinitionSchema, type FormDefinition } from '../../shared/forms/form-definition';
import type { Database } from '../db/schema';
import { SyncError } from '../sync-error';
import { requireEvent } from './events-store';

export async function readFormVersion(
  db: Kysely<Database>,
  eventId: string,
  formId: string,
  version: string,
): Promise<FormDefinition> {
  await requireEvent(db, eventId);
  const row = await db
    .selectFrom('forms')
    .select('definition')
    .where('event_id', '=', eventId)
    .where('form_id', '=', formId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (row === undefined)
    throw new SyncError('not_found', `no form ${formId} version ${version} in ${eventId}`);
  return FormDefinitionSchema.parse(JSON.parse(row.definition));
}
