// Editing a saved record, and merging a conflict: both open a draft whose base is the record's
// current revision(s); finishing it writes the next revision.
import { v7 as uuidv7 } from 'uuid';
import type { Answers, Language } from '../../../shared/forms/form-definition';
import type { Draft } from '../../../shared/ipc/field-contract';
import { CallFailure } from '../../../shared/ipc/result';
import { attachmentNamesIn } from './attachment-names';
import { draftOfRecord, writeDraft } from './drafts';
import type { FieldContext } from './field-context';
import { collectMedia } from './media-gc';
import { currentRevisions, type Revision } from './revisions';

/** The draft already open on the record, or a new one from its current revision. */
export function editRecord(ctx: FieldContext, recordId: string): Draft {
  const open = draftOfRecord(ctx.db, recordId);
  if (open !== undefined) return open;
  const current = currentRevisions(ctx.db, recordId);
  const [base] = current;
  if (base === undefined || current.length > 1)
    throw new CallFailure(
      'invalid_input',
      `Record ${recordId} has a conflict (${current.length} current revisions): resolve it with record:merge first`,
    );
  return openDraft(ctx, base, [base], base.answers, base.language, undefined);
}

/**
 * A draft merging a conflict with the answers staff chose. A revision has at most two parents, so
 * with three or more current revisions it merges the two newest and staff merge again. It takes the
 * place of any draft open on the record: staff chose every field from the current revisions.
 */
export function mergeRecord(
  ctx: FieldContext,
  recordId: string,
  answers: Answers,
  language: Language,
): Draft {
  const current = currentRevisions(ctx.db, recordId);
  if (current.length < 2)
    throw new CallFailure(
      'no_conflict',
      `Record ${recordId} has one current revision: there is nothing to merge`,
    );
  const bases = current.slice(-2); // oldest first, so the last two are the newest
  const newest = bases[1] as Revision;
  const replaced = draftOfRecord(ctx.db, recordId);
  const draft = openDraft(ctx, newest, bases, answers, language, replaced?.draftId);
  if (replaced !== undefined) collectMedia(ctx.db, attachmentNamesIn(replaced.answers), ctx.now());
  return draft;
}

function openDraft(
  ctx: FieldContext,
  form: Revision,
  bases: Revision[],
  answers: Answers,
  language: Language,
  draftId: string | undefined,
): Draft {
  if (ctx.forms.get(form.formId, form.formVersion) === undefined)
    throw new CallFailure(
      'form_not_found',
      `Form ${form.formId} version ${form.formVersion} is not installed on this kiosk`,
      { formId: form.formId, formVersion: form.formVersion },
    );
  const now = ctx.now().toISOString();
  const draft: Draft = {
    draftId: draftId ?? uuidv7(),
    formId: form.formId,
    formVersion: form.formVersion,
    language,
    answers,
    position: { path: '' },
    recordId: form.recordId,
    baseRevisions: bases.map((r) => r.id),
    startedAt: now,
    updatedAt: now,
  };
  writeDraft(ctx.db, draft);
  return draft;
}
