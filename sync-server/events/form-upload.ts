// Uploading a form, the same through the console and POST /v1/events/:id/forms: attached, audited
// (as `quiosco admin form add` attaches and audits), and answered with where it names an image the
// upload did not bring (the kiosk shows the label there, so the uploader is told).
import type { FormDefinition } from '../../shared/forms/form-definition';
import type { MediaUse } from '../../shared/forms/media-uses';
import type { FormMediaFile } from '../../shared/forms/node/form-media';
import { loadXlsx } from '../../shared/forms/node/read-xlsx';
import type { FormSummary, FormUploadRequest, FormUploadStatus } from '../../shared/sync/admin-api';
import { audit } from '../console/audit';
import { inOneTransaction, type ServerDb } from '../db/server-database';
import { addForm, readFormSheets } from './events-store';
import { missingMedia, readMediaUpload } from './form-media-store';
import { uploadError } from './upload-error';

export async function uploadForm(
  s: ServerDb,
  eventId: string,
  upload: FormUploadRequest,
  actor: string,
  now: Date,
): Promise<{ form: FormSummary; status: FormUploadStatus; missingMedia: MediaUse[] }> {
  // The workbook is read and checked before attachForm's transaction, not holding it open.
  const definition = await readFormUpload(upload);
  const media = readMediaUpload(upload);
  const added = await attachForm(s, eventId, definition, media, actor, now);
  return { ...added, missingMedia: missingMedia(definition, media) };
}

/**
 * Attaches a form read already (an upload, or `quiosco admin form add`'s files) and audits it, in
 * one transaction: its images are rows of that transaction too (form_media), no files. An upload
 * that changes nothing ("unchanged") writes no entry, as every set-up change (auditChanges).
 */
export async function attachForm(
  s: ServerDb,
  eventId: string,
  definition: FormDefinition,
  media: readonly FormMediaFile[],
  actor: string,
  now = new Date(),
): Promise<{ form: FormSummary; status: FormUploadStatus }> {
  return inOneTransaction(s, async (t) => {
    const added = await addForm(t, eventId, definition, now, media);
    if (added.status === 'unchanged') return added;
    const { formId, version } = added.form;
    const detail = { eventId, formId, version, status: added.status };
    await audit(t, { actor, action: 'form_uploaded', detail }, now);
    return added;
  });
}

/** An uploaded form, CSV trio or workbook, read and checked; faults located as survey!C14. */
async function readFormUpload(upload: FormUploadRequest): Promise<FormDefinition> {
  if (!('xlsx' in upload)) return readFormSheets(upload);
  try {
    const stem = upload.fileName?.replace(/\.xlsx$/i, '');
    return (await loadXlsx(Buffer.from(upload.xlsx, 'base64'), stem)).definition;
  } catch (e) {
    throw uploadError(e);
  }
}
