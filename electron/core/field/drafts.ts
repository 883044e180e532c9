// Drafts: a field record in progress, autosaved as staff type. A draft holds answers as given
// (half-filled, or breaking a constraint staff will fix later); only finishing checks them.
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { ChannelOutput, Contract } from '../../../shared/ipc/contract';
import { DraftSchema, type Draft } from '../../../shared/ipc/field-contract';
import { CallFailure } from '../../../shared/ipc/result';
import type { KioskDb } from '../db/migrate';
import type { FormStore } from '../forms/form-store';
import { revisionIds } from './revisions';

export type SaveDraftInput = z.output<Contract['draft:save']['input']>;

type DraftRow = {
  id: string;
  form_id: string;
  form_version: string;
  language: string;
  answers: string;
  position: string;
  record_id: string | null;
  base_revisions: string;
  started_at: string;
  updated_at: string;
};

const toDraft = (r: DraftRow): Draft =>
  DraftSchema.parse({
    draftId: r.id,
    formId: r.form_id,
    formVersion: r.form_version,
    language: r.language,
    answers: JSON.parse(r.answers),
    position: JSON.parse(r.position),
    recordId: r.record_id,
    baseRevisions: JSON.parse(r.base_revisions),
    startedAt: r.started_at,
    updatedAt: r.updated_at,
  });

/** A draft; not_found when this kiosk holds none by that id. */
export function getDraft(db: KioskDb, draftId: string): Draft {
  const row = db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE id = ?').get(draftId);
  if (row === undefined) throw new CallFailure('not_found', `This kiosk holds no draft ${draftId}`);
  return toDraft(row);
}

/** Every draft on this kiosk. */
export function listDrafts(db: KioskDb): Draft[] {
  return db.prepare<[], DraftRow>('SELECT * FROM drafts').all().map(toDraft);
}

/** The draft open on a saved record, if any (at most one: a unique index). */
export function draftOfRecord(db: KioskDb, recordId: string): Draft | undefined {
  const row = db.prepare<[string], DraftRow>('SELECT * FROM drafts WHERE record_id = ?').get(recordId);
  return row === undefined ? undefined : toDraft(row);
}

/**
 * Creates (no draftId) or replaces a draft and commits before answering. Replacing a draft that is
 * gone (finished or discarded, e.g. by a late autosave) is not_found rather than a resurrection.
 * recordId and baseRevisions, when left out on a replace, stay as stored.
 */
export function saveDraft(
  db: KioskDb,
  forms: FormStore,
  input: SaveDraftInput,
  now: Date,
): ChannelOutput<'draft:save'> {
  if (forms.get(input.formId, input.formVersion) === undefined)
    throw new CallFailure(
      'form_not_found',
      `Form ${input.formId} version ${input.formVersion} is not installed on this kiosk`,
      { formId: input.formId, formVersion: input.formVersion },
    );
  const stored = input.draftId === undefined ? undefined : getDraft(db, input.draftId);
  const draft: Draft = {
    draftId: input.draftId ?? uuidv7(),
    formId: input.formId,
    formVersion: input.formVersion,
    language: input.language,
    answers: input.answers,
    position: input.position,
    recordId: input.recordId !== undefined ? input.recordId : (stored?.recordId ?? null),
    baseRevisions: input.baseRevisions ?? stored?.baseRevisions ?? [],
    startedAt: input.startedAt,
    updatedAt: now.toISOString(),
  };
  checkEditsRecord(db, draft);
  writeDraft(db, draft);
  return { draftId: draft.draftId, savedAt: draft.updatedAt };
}

/** A draft that edits a record names revisions of it, and is the only draft open on it. */
function checkEditsRecord(db: KioskDb, draft: Draft): void {
  if (draft.recordId === null) {
    if (draft.baseRevisions.length > 0)
      throw new CallFailure('invalid_input', 'A draft with base revisions must name the record it edits');
    return;
  }
  const revisions = new Set(revisionIds(db, draft.recordId));
  if (revisions.size === 0)
    throw new CallFailure('not_found', `This kiosk holds no record ${draft.recordId}`);
  const foreign = draft.baseRevisions.filter((id) => !revisions.has(id));
  if (draft.baseRevisions.length === 0 || foreign.length > 0)
    throw new CallFailure(
      'invalid_input',
      `A draft editing record ${draft.recordId} must name one or two of its revisions as its base`,
    );
  const open = draftOfRecord(db, draft.recordId);
  if (open !== undefined && open.draftId !== draft.draftId)
    throw new CallFailure(
      'invalid_input',
      `Record ${draft.recordId} is already being edited in draft ${open.draftId}`,
    );
}

/** Inserts or replaces the draft row; the db is WAL + synchronous=FULL, so it is on disk on return. */
export function writeDraft(db: KioskDb, d: Draft): void {
  db.prepare(
    `INSERT INTO drafts (id, form_id, form_version, language, answers, position, record_id, base_revisions,
       started_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET form_id = excluded.form_id, form_version = excluded.form_version,
       language = excluded.language, answers = excluded.answers, position = excluded.position,
       record_id = excluded.record_id, base_revisions = excluded.base_revisions,
       started_at = excluded.started_at, updated_at = excluded.updated_at`,
  ).run(
    d.draftId,
    d.formId,
    d.formVersion,
    d.language,
    JSON.stringify(d.answers),
    JSON.stringify(d.position),
    d.recordId,
    JSON.stringify(d.baseRevisions),
    d.startedAt,
    d.updatedAt,
  );
}

export function deleteDraft(db: KioskDb, draftId: string): void {
  db.prepare('DELETE FROM drafts WHERE id = ?').run(draftId);
}
