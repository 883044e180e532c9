// A form version's images on the server: checked at upload as a kiosk checks them at install,
// stored with the form in its transaction, listed in the form's pull change and fetched by hash.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkFormMedia, type FormMediaFile } from '../../shared/forms/node/form-media';
import { mediaFileNames, mediaUses, type MediaUse } from '../../shared/forms/media-uses';
import type { FormDefinition } from '../../shared/forms/form-definition';
import type { FormUploadRequest } from '../../shared/sync/admin-api';
import type { FormMediaRef } from '../../shared/sync/protocol';
import type { Database } from '../db/schema';
import { SyncError } from '../sync-error';

/** The uploaded images, decoded (addForm checks them against the form). */
export function readMediaUpload(upload: FormUploadRequest): FormMediaFile[] {
  return (upload.media ?? []).map(({ name, base64 }) => ({ name, bytes: Buffer.from(base64, 'base64') }));
}

/** Each file named by the form, once, and fit to install; the first that is not refuses the upload. */
export function checkMediaFiles(definition: FormDefinition, files: readonly FormMediaFile[]): void {
  const named = new Set(mediaFileNames(definition));
  const seen = new Set<string>();
  for (const { name, bytes } of files) {
    const fault = seen.has(name)
      ? 'sent twice'
      : !named.has(name)
        ? 'the form names no such image'
        : checkFormMedia(name, bytes);
    if (fault !== undefined) {
      throw new SyncError('invalid_input', `media file ${JSON.stringify(name)} is not accepted: ${fault}`, {
        field: 'media',
      });
    }
    seen.add(name);
  }
}

/** Where the form names an image the upload did not bring (the kiosk shows the label there). */
export function missingMedia(definition: FormDefinition, files: readonly FormMediaFile[]): MediaUse[] {
  const given = new Set(files.map((file) => file.name));
  return mediaUses(definition).filter((use) => !given.has(use.image));
}

export const mediaRef = ({ name, bytes }: FormMediaFile): FormMediaRef => ({
  name,
  sha256: createHash('sha256').update(bytes).digest('hex'),
  size: bytes.length,
});

/** Stores the images of a form version just inserted (same transaction). */
export async function insertFormMedia(
  trx: Kysely<Database>,
  eventId: string,
  definition: FormDefinition,
  files: readonly FormMediaFile[],
): Promise<FormMediaRef[]> {
  const refs = files.map(mediaRef);
  if (files.length === 0) return refs;
  await trx
    .insertInto('form_media')
    .values(
      files.map(({ name, bytes }, i) => ({
        event_id: eventId,
        form_id: definition.formId,
        version: definition.version,
        name,
        sha256: refs[i]?.sha256 ?? '',
        size: bytes.length,
        bytes,
      })),
    )
    .execute();
  return refs;
}

/**
 * Makes a stored version's images the uploaded set, in the caller's transaction: the new refs when
 * the set changed (a changed image has a new hash, so kiosks fetch only it), undefined when not.
 */
export async function replaceFormMedia(
  trx: Kysely<Database>,
  eventId: string,
  definition: FormDefinition,
  files: readonly FormMediaFile[],
): Promise<FormMediaRef[] | undefined> {
  const stored = await formMediaRefs(trx, eventId, definition.formId, definition.version);
  const uploaded = new Map(files.map((file) => [file.name, mediaRef(file).sha256]));
  const same =
    stored.length === uploaded.size && stored.every(({ name, sha256 }) => uploaded.get(name) === sha256);
  if (same) return undefined;
  await trx
    .deleteFrom('form_media')
    .where('event_id', '=', eventId)
    .where('form_id', '=', definition.formId)
    .where('version', '=', definition.version)
    .execute();
  return insertFormMedia(trx, eventId, definition, files);
}

/** The refs of a stored form version's images, by name. */
export async function formMediaRefs(
  db: Kysely<Database>,
  eventId: string,
  formId: string,
  version: string,
): Promise<FormMediaRef[]> {
  return db
    .selectFrom('form_media')
    .select(['name', 'sha256', 'size'])
    .where('event_id', '=', eventId)
    .where('form_id', '=', formId)
    .where('version', '=', version)
    .orderBy('name')
    .execute();
}

/** An image of any form attached to the event, by hash; undefined when the event has none such. */
export async function readFormMedia(
  db: Kysely<Database>,
  eventId: string,
  sha256: string,
): Promise<{ name: string; bytes: Buffer } | undefined> {
  const row = await db
    .selectFrom('form_media')
    .select(['name', 'bytes'])
    .where('event_id', '=', eventId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row && { name: row.name, bytes: Buffer.from(row.bytes) };
}
