// Revisions of records at push (docs/field-records.md): each stored submission is a revision, and
// a revision is current while no other stored revision of its record names it as a parent. Which
// photos a revision names is kept too, so an upload is accepted only for a photo a record names.
import type { Kysely } from 'kysely';
import { isInstanceList, ownAnswer } from '../../shared/forms/answer-values';
import type { CompiledForm } from '../../shared/forms/engine';
import type { Answers, FormNode } from '../../shared/forms/form-definition';
import { isMediaQuestion } from '../../shared/forms/media-questions';
import { AttachmentNameSchema, revisionOf, type SubmissionPayload } from '../../shared/sync/protocol';
import type { Database } from '../db/schema';
import type { NewChange } from './change-log';

type SubmissionRow = Database['submissions'];

/** A checked submission the push will try to store, with what storing it entails. */
export type PushedRevision = {
  payload: SubmissionPayload;
  /** Attachment names its image answers hold. */
  images: string[];
  /** A revision of a field form: it goes down the records stream. */
  field: boolean;
};

/**
 * Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits, and a whole
 * push (MAX_PUSH_CHANGES) at once, so a batch looks for its records' parents in one query.
 */
const CHUNK = 1000;

export function revisionColumns(
  p: SubmissionPayload,
): Pick<SubmissionRow, 'record_id' | 'revision' | 'parents' | 'edited_by' | 'current'> {
  const { recordId, revision, parents } = revisionOf(p);
  // Current until a stored child says otherwise (settleRevisions, in the same transaction).
  return {
    record_id: recordId,
    revision,
    parents: JSON.stringify(parents),
    edited_by: p.editedBy ?? null,
    current: 1,
  };
}

/**
 * The attachment names in a record's image, audio, video and file answers, repeats included,
 * walked by the form version it was made with; none when the server does not have that version.
 */
export function imageNames(form: CompiledForm | undefined, answers: Answers): string[] {
  const names = new Set<string>();
  const walk = (nodes: readonly FormNode[], values: Answers): void => {
    for (const node of nodes) {
      const value = ownAnswer(values, node.name);
      if (node.kind === 'question') {
        if (isMediaQuestion(node) && AttachmentNameSchema.safeParse(value).success)
          names.add(value as string);
      } else if (node.kind === 'group') {
        walk(node.children, values);
      } else if (isInstanceList(value)) {
        for (const instance of value) walk(node.children, instance);
      }
    }
  };
  if (form !== undefined) walk(form.definition.children, answers);
  return [...names];
}

/**
 * After the push's new submissions are inserted (the ones in `stored`): notes the photos they
 * name, clears `current` on every revision a stored revision of the same record names as a parent
 * (a parent arriving after its child included), and answers the records-stream changes to append.
 */
export async function settleRevisions(trx: Kysely<Database>, stored: PushedRevision[]): Promise<NewChange[]> {
  const named = stored.flatMap((r) => r.images.map((name) => ({ submission_id: r.payload.id, name })));
  for (let i = 0; i < named.length; i += CHUNK) {
    await trx
      .insertInto('record_attachments')
      .values(named.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['submission_id', 'name']).doNothing())
      .execute();
  }

  // Every parent named within the touched records: for a visitor response this finds nothing.
  const recordIds = [...new Set(stored.map((r) => revisionOf(r.payload).recordId))];
  const parentsByRecord = new Map<string, Set<string>>();
  for (let i = 0; i < recordIds.length; i += CHUNK) {
    const rows = await trx
      .selectFrom('submissions')
      .select(['record_id', 'parents'])
      .where('record_id', 'in', recordIds.slice(i, i + CHUNK))
      .where('parents', '<>', '[]')
      .execute();
    for (const row of rows) {
      const parents = parentsByRecord.get(row.record_id) ?? new Set<string>();
      for (const parent of JSON.parse(row.parents) as string[]) parents.add(parent);
      parentsByRecord.set(row.record_id, parents);
    }
  }
  for (const [recordId, parents] of parentsByRecord) {
    await trx
      .updateTable('submissions')
      .set({ current: 0 })
      .where('record_id', '=', recordId)
      .where('id', 'in', [...parents])
      .where('current', '=', 1)
      .execute();
  }

  return stored
    .filter((r) => r.field)
    .map((r) => ({
      kind: 'record',
      id: r.payload.id,
      payload: r.payload,
      scope: { eventId: r.payload.eventId },
    }));
}
