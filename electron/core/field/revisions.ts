// A field record's revisions as stored in submissions: its own and those pulled from other
// kiosks of the event. Which are current follows from the parents alone (docs/field-records.md).
import type { RevisionView } from '../../../shared/ipc/field-contract';
import { AnswersSchema, LanguageSchema } from '../../../shared/forms/form-definition';
import { CallFailure } from '../../../shared/ipc/result';
import type { SubmissionPayload } from '../../../shared/sync/protocol';
import type { KioskDb } from '../db/migrate';
import { insertSubmission } from '../submissions/submission-store';

type RevisionRow = {
  id: string;
  record_id: string;
  revision: number;
  parents: string;
  form_id: string;
  form_version: string;
  event_id: string;
  language: string;
  complete: number;
  answers: string;
  device_id: string;
  edited_by: string | null;
  created_at: string;
  current: number;
};

const COLUMNS = `id, record_id, revision, parents, form_id, form_version, event_id, language, complete, answers,
  device_id, edited_by, created_at, current`;
/** Oldest first; the kiosk clock only breaks ties between revisions of one number. */
const ORDER = 'ORDER BY revision, created_at, id';

export type Revision = RevisionView & { eventId: string };

const toRevision = (r: RevisionRow): Revision => ({
  id: r.id,
  recordId: r.record_id,
  revision: r.revision,
  parents: JSON.parse(r.parents) as string[],
  formId: r.form_id,
  formVersion: r.form_version,
  eventId: r.event_id,
  language: LanguageSchema.parse(r.language),
  complete: r.complete === 1,
  answers: AnswersSchema.parse(JSON.parse(r.answers)),
  deviceId: r.device_id,
  editedBy: r.edited_by,
  createdAt: r.created_at,
  current: r.current === 1,
});

/**
 * Stores a revision pulled from the server: another kiosk's, or our own coming back (then nothing
 * changes). No outbox row: it is already on the server. Answers whether it was new. Its form
 * version must be installed (a foreign key; the kiosk stream brings forms): otherwise SQLite throws.
 */
export function insertPulledRevision(db: KioskDb, payload: SubmissionPayload): boolean {
  return db.transaction(() => {
    const known = db
      .prepare<[string], { id: string }>('SELECT id FROM submissions WHERE id = ?')
      .get(payload.id);
    if (known !== undefined) return false;
    insertSubmission(db, payload);
    return true;
  })();
}

/** Every revision of a record, oldest first (empty when this kiosk holds none). */
export function listRevisions(db: KioskDb, recordId: string): Revision[] {
  return db
    .prepare<[string], RevisionRow>(`SELECT ${COLUMNS} FROM submissions WHERE record_id = ? ${ORDER}`)
    .all(recordId)
    .map(toRevision);
}

/** The ids of a record's revisions (empty when this kiosk holds none). */
export function revisionIds(db: KioskDb, recordId: string): string[] {
  return db
    .prepare<[string], { id: string }>('SELECT id FROM submissions WHERE record_id = ?')
    .all(recordId)
    .map((r) => r.id);
}

/** The current revisions of a record, oldest first; not_found when this kiosk holds none. */
export function currentRevisions(db: KioskDb, recordId: string): Revision[] {
  const current = db
    .prepare<[string], RevisionRow>(
      `SELECT ${COLUMNS} FROM submissions WHERE record_id = ? AND current = 1 ${ORDER}`,
    )
    .all(recordId)
    .map(toRevision);
  if (current.length === 0) throw new CallFailure('not_found', `This kiosk holds no record ${recordId}`);
  return current;
}

/** The current revisions of every record of these forms, for the field list. */
export function currentRevisionsOfForms(db: KioskDb, formIds: readonly string[]): Revision[] {
  return db
    .prepare<[string], RevisionRow>(
      `SELECT ${COLUMNS} FROM submissions
       WHERE current = 1 AND form_id IN (SELECT value FROM json_each(?)) ${ORDER}`,
    )
    .all(JSON.stringify(formIds))
    .map(toRevision);
}
