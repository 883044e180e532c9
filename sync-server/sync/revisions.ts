// Revisions of records at push (docs/field-records.md): each stored submission is a revision, and
// a revision is current while no other stored revision of its record names it as a parent. Which
// photos a revision names is kept too, so an upload is accepted only for a photo a record names.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isInstanceList, ownAnswer } from '../../shared/forms/answer-values';
import type { CompiledForm } from '../../shared/forms/engine';
import type { Answers, FormNode } from '../../shared/forms/form-definition';
import { isMediaQuestion } from '../../shared/forms/media-questions';
import { AttachmentNameSchema, revisionOf, type SubmissionPayload } from '../../shared/sync/protocol';
import type { Database, DatabaseKind } from '../db/schema';
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

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 1000;

/**
 * The revisions of these records that name parents (only edited field records do), the ids sent
 * as one parameter: a thousand bound ids cost more to build, send and plan than the lookups they
 * ask for. Each id is looked up on its own in the index of rows that name parents (migration 11);
 * on PostgreSQL, OFFSET 0 keeps the planner from folding the lookups into one join: planned as
 * `record_id = ANY(…)` before autovacuum had analysed a fast-growing table, it took most of the
 * table to match and scanned it whole on every push (0.1–0.5 s per batch at 578,000 rows).
 */
export function parentsNamedWithin(
  db: Kysely<Database>,
  kind: DatabaseKind,
  recordIds: readonly string[],
): Promise<ParentsRow[]> {
  return parentsLookup(kind, recordIds)
    .execute(db)
    .then((r) => r.rows);
}

type ParentsRow = { record_id: string; parents: string };

/** The statement parentsNamedWithin sends (its plan is pinned by revisions-plan.test.ts). */
export const parentsLookup = (kind: DatabaseKind, recordIds: readonly string[]): RawBuilder<ParentsRow> =>
  kind === 'postgres'
    ? sql<ParentsRow>`SELECT s.record_id, s.parents
        FROM unnest(${recordIds}::text[]) AS wanted(id)
        CROSS JOIN LATERAL (SELECT record_id, parents FROM submissions
          WHERE record_id = wanted.id AND parents <> '[]' OFFSET 0) AS s`
    : sql<ParentsRow>`SELECT record_id, parents FROM submissions
        WHERE record_id IN (SELECT value FROM json_each(${JSON.stringify(recordIds)}))
          AND parents <> '[]'`;

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
  // Most forms ask for no file at all: their records are not walked.
  if (form === undefined || !asksForFiles(form)) return [];
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
  walk(form.definition.children, answers);
  return [...names];
}

const filesAsked = new WeakMap<CompiledForm, boolean>();

/** Whether the form has an image, audio, video or file question anywhere (worked out once per form). */
function asksForFiles(form: CompiledForm): boolean {
  let asks = filesAsked.get(form);
  if (asks === undefined) {
    const any = (nodes: readonly FormNode[]): boolean =>
      nodes.some((node) => (node.kind === 'question' ? isMediaQuestion(node) : any(node.children)));
    asks = any(form.definition.children);
    filesAsked.set(form, asks);
  }
  return asks;
}

/**
 * After the push's new submissions are inserted (the ones in `stored`): notes the photos they
 * name, clears `current` on every revision a stored revision of the same record names as a parent
 * (a parent arriving after its child included), and answers the records-stream changes to append.
 */
export async function settleRevisions(
  trx: Kysely<Database>,
  kind: DatabaseKind,
  stored: PushedRevision[],
): Promise<NewChange[]> {
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
  const rows = recordIds.length === 0 ? [] : await parentsNamedWithin(trx, kind, recordIds);
  for (const row of rows) {
    const parents = parentsByRecord.get(row.record_id) ?? new Set<string>();
    for (const parent of JSON.parse(row.parents) as string[]) parents.add(parent);
    parentsByRecord.set(row.record_id, parents);
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
