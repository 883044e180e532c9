// The staff's field records: the staff-only forms, the list of drafts and records with its search,
// and the ways into a draft (new, resume, edit a record, merge a conflict) or out of one (discard).
import type { CompiledForm } from '../../../shared/forms/engine';
import { compileForm } from '../../../shared/forms/engine';
import type { FormDefinition } from '../../../shared/forms/form-definition';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { Draft, RevisionView } from '../../../shared/ipc/field-contract';
import type { CallError, Result } from '../../../shared/ipc/result';
import { mergeFields, mergedAnswers } from '../field/merge-fields';
import type { SliceCreator } from './kiosk-store';
import { staffCaller } from './staff-call';

export type FieldForm = { definition: FormDefinition; compiled: CompiledForm };
export type FieldList = ChannelOutput<'field:list'>;

export type FieldMerge = {
  recordId: string;
  /** The two newest current revisions, side by side in this order: what the kiosk merges. */
  sides: RevisionView[];
  /** Older current revisions left for the next merge (a merge has two parents). */
  waiting: number;
  /** Field name → the side chosen (0 where none was). */
  choices: Record<string, number>;
};

export type FieldData = {
  forms: FieldForm[] | null;
  list: FieldList | null;
  query: string;
  merge: FieldMerge | null;
  /** The revision just finished, for the list's notice. */
  finished: { revision: number } | null;
};

export const NO_FIELD: FieldData = { forms: null, list: null, query: '', merge: null, finished: null };

export type FieldSlice = {
  field: FieldData;
  /** The list of field records (from the staff screen, or back from a draft). */
  openFieldRecords(): Promise<CallError | null>;
  searchFieldRecords(query: string): Promise<CallError | null>;
  resumeDraft(draftId: string): Promise<CallError | null>;
  discardDraft(draftId: string): Promise<CallError | null>;
  editRecord(recordId: string): Promise<CallError | null>;
  /** The side-by-side view of a record's current revisions. */
  openConflict(recordId: string): Promise<CallError | null>;
  chooseMergeSide(field: string, side: number): void;
  /** Makes the merge draft from the choices and opens it on its review. */
  mergeRecord(): Promise<CallError | null>;
  /** Back to the list, read again. */
  closeConflict(): Promise<CallError | null>;
};

export const createFieldSlice: SliceCreator<FieldSlice> = (set, get, { api }) => {
  const staffCall = staffCaller(set, get, api);
  const change = (part: Partial<FieldData>) => set({ field: { ...get().field, ...part } });

  const loadForms = async (): Promise<CallError | null> => {
    const result = await staffCall('field:forms', {});
    if (!result.ok) return result.error;
    try {
      change({
        forms: result.value.forms.map((definition) => ({ definition, compiled: compileForm(definition) })),
      });
      return null;
    } catch (err) {
      return { code: 'internal', message: `a form does not compile: ${String(err)}` };
    }
  };

  const loadList = async (query: string): Promise<CallError | null> => {
    const result = await staffCall('field:list', query.trim() ? { query: query.trim() } : {});
    if (!result.ok) return result.error;
    // A newer search may have been typed while this one was out.
    if (get().field.query === query) change({ list: result.value });
    return null;
  };

  const openDraft = (result: Result<Draft>): CallError | null => {
    if (!result.ok) return result.error;
    change({ merge: null, finished: null });
    get().openFieldDraft(result.value);
    return null;
  };

  return {
    field: NO_FIELD,

    async openFieldRecords() {
      set({ screen: 'field-list', field: { ...get().field, merge: null } });
      const [forms, list] = await Promise.all([
        get().field.forms ? null : loadForms(),
        loadList(get().field.query),
      ]);
      return forms ?? list;
    },

    async searchFieldRecords(query) {
      change({ query });
      return loadList(query);
    },

    async resumeDraft(draftId) {
      return openDraft(await staffCall('draft:get', { draftId }));
    },

    async discardDraft(draftId) {
      const result = await staffCall('draft:discard', { draftId });
      if (!result.ok) return result.error;
      if (get().fieldSession?.draftId === draftId) set({ fieldSession: null });
      return loadList(get().field.query);
    },

    async editRecord(recordId) {
      return openDraft(await staffCall('record:edit', { recordId }));
    },

    async openConflict(recordId) {
      const result = await staffCall('record:revisions', { recordId });
      if (!result.ok) return result.error;
      const current = result.value.revisions.filter((revision) => revision.current);
      // Merged elsewhere since the list was read: nothing to choose; the list, read again, says so.
      if (current.length < 2) return get().openFieldRecords();
      // Oldest first, as record:merge takes them: an answer chosen from a third revision would
      // enter a merge that does not name it as a parent.
      const sides = current.slice(-2);
      change({
        merge: { recordId, sides, waiting: current.length - sides.length, choices: {} },
        finished: null,
      });
      set({ screen: 'field-merge' });
      return null;
    },

    chooseMergeSide(field, side) {
      const { merge } = get().field;
      if (merge) change({ merge: { ...merge, choices: { ...merge.choices, [field]: side } } });
    },

    async mergeRecord() {
      const { merge, forms } = get().field;
      const first = merge?.sides[0];
      const form = forms?.find((candidate) => candidate.definition.formId === first?.formId);
      if (!merge || !first || !form) return null;
      const answers = mergedAnswers(
        mergeFields(form.compiled),
        merge.sides.map((side) => side.answers),
        merge.choices,
      );
      const refused = openDraft(
        await staffCall('record:merge', { recordId: merge.recordId, answers, language: first.language }),
      );
      if (refused) return refused;
      // "Merge and review": the merged answers open on the review, not on the form's first page.
      await get().goToFieldPage(null);
      return null;
    },

    // The list read again: the conflict may have been merged meanwhile (the refusal says so).
    closeConflict: () => get().openFieldRecords(),
  };
};
