// The handlers of the field-record channels (shared/ipc/field-contract.ts). The core wraps each in
// its staff-session check; all of them need a staff session.
import type { z } from 'zod';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { fieldContract } from '../../../shared/ipc/field-contract';
import { CallFailure } from '../../../shared/ipc/result';
import { attachmentNamesIn } from './attachment-names';
import { readAttachment, storeAttachment } from './attachment-store';
import { deleteDraft, getDraft, saveDraft } from './drafts';
import { fieldForms, type FieldContext } from './field-context';
import { listFieldEntries } from './field-list';
import { finishDraft } from './finish-draft';
import { collectMedia } from './media-gc';
import { editRecord, mergeRecord } from './record-edit';
import { listRevisions } from './revisions';

type FieldContract = typeof fieldContract;
export type FieldChannel = keyof FieldContract;
export type FieldHandlers = {
  [C in FieldChannel]: (input: z.output<FieldContract[C]['input']>) => ChannelOutput<C>;
};

export function createFieldHandlers(ctx: FieldContext): FieldHandlers {
  const { db } = ctx;
  return {
    'field:forms': () => ({ forms: fieldForms(ctx) }),
    'field:list': (input) => listFieldEntries(ctx, input.query),
    'draft:save': (input) => saveDraft(db, ctx.forms, input, ctx.now()),
    'draft:get': (input) => getDraft(db, input.draftId),
    'draft:discard': (input) => {
      const draft = getDraft(db, input.draftId);
      deleteDraft(db, draft.draftId);
      collectMedia(db, attachmentNamesIn(draft.answers), ctx.now());
      return { discarded: true as const };
    },
    'draft:finish': (input) => finishDraft(ctx, input.draftId, input.editedBy),
    'record:edit': (input) => editRecord(ctx, input.recordId),
    'record:revisions': (input) => {
      const revisions = listRevisions(db, input.recordId);
      if (revisions.length === 0)
        throw new CallFailure('not_found', `This kiosk holds no record ${input.recordId}`);
      return { revisions: revisions.map(({ eventId: _event, ...view }) => view) };
    },
    'record:merge': (input) => mergeRecord(ctx, input.recordId, input.answers, input.language),
    'attachment:save': (input) =>
      storeAttachment(db, Buffer.from(input.base64, 'base64'), input.mime, ctx.now()),
    'attachment:get': (input) => {
      const found = readAttachment(db, input.name);
      if (found === undefined) throw new CallFailure('not_found', `This kiosk holds no photo ${input.name}`);
      return { name: input.name, mime: found.mime, base64: found.bytes.toString('base64') };
    },
  };
}
