// Finishing a draft: its answers checked by the form engine, one immutable revision written with
// its outbox row while the draft is deleted, in one transaction; then photos it dropped are deleted.
import { v7 as uuidv7 } from 'uuid';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import { checkedSubmission, writeSubmission, type SubmissionRecord } from '../submissions/submission-store';
import { attachmentNamesIn } from './attachment-names';
import { isRefusal } from './consent';
import { deleteDraft, getDraft } from './drafts';
import type { FieldContext } from './field-context';
import { collectMedia } from './media-gc';
import { listRevisions } from './revisions';

/**
 * A draft made from revisions that are no longer current (one pulled meanwhile) still saves, with
 * the draft's base as parents: that is a conflict, kept for staff to merge.
 */
export function finishDraft(
  ctx: FieldContext,
  draftId: string,
  editedBy: string | undefined,
): ChannelOutput<'draft:finish'> {
  const { db } = ctx;
  const now = ctx.now();
  const draft = getDraft(db, draftId);
  const base =
    draft.recordId === null
      ? []
      : listRevisions(db, draft.recordId).filter((r) => draft.baseRevisions.includes(r.id));
  const id = uuidv7();
  // complete: true — every relevant required question answered; a refusal passes because its
  // form makes everything but the refusal irrelevant.
  const checked = checkedSubmission(
    ctx.forms,
    { deviceId: ctx.deviceId, settings: ctx.settings(), now },
    { ...draft, complete: true },
    id,
  );
  const record: SubmissionRecord = {
    ...checked,
    // An edit stays in its record's event, whichever event the kiosk runs now.
    eventId: base[0]?.eventId ?? checked.eventId,
    complete: !isRefusal(checked.answers),
    recordId: draft.recordId ?? id,
    revision: Math.max(0, ...base.map((r) => r.revision)) + 1,
    parents: draft.baseRevisions,
    ...(editedBy !== undefined && editedBy !== '' && { editedBy }),
  };
  writeSubmission(db, record, () => deleteDraft(db, draftId));
  collectMedia(db, attachmentNamesIn(draft.answers), now);
  return {
    recordId: record.recordId ?? id,
    revisionId: id,
    revision: record.revision ?? 1,
    savedAt: record.createdAt,
  };
}
