// Staff filling in a field record: a draft autosaved as they go (debounced while typing, at once on
// every page change), pages and repeat entries as ODK Collect walks them, the review, finishing,
// and the idle lock that keeps everything for when staff type the PIN again.
import { applyTriggers, newRepeatInstance } from '../../../shared/forms/engine';
import type { AnswerValue, Answers, Language } from '../../../shared/forms/form-definition';
import type { Draft } from '../../../shared/ipc/field-contract';
import type { CallError } from '../../../shared/ipc/result';
import { addEntry, deleteEntry, moveEntry, withAnswerAt } from '../field/answer-paths';
import {
  backIndex,
  fieldView,
  firstIssueIndex,
  nextIndex,
  pageIssue,
  REVIEW,
  type FieldView,
} from '../field/field-pages';
import type { FieldForm } from './field-slice';
import type { KioskState, SliceCreator } from './kiosk-store';
import { startAnswers } from './form-view';
import { selectSettings } from './selectors';
import { staffCaller } from './staff-call';
import { NO_STAFF } from './staff-slice';
import { REAL_TIMERS } from './timers';

/** How long typing may pause before the answers are saved. */
export const AUTOSAVE_MS = 400;

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export type FieldSession = {
  /** Tells one opened draft from the next, so a late answer lands nowhere else. */
  key: number;
  /** null until the first save creates the draft. */
  draftId: string | null;
  formId: string;
  language: Language;
  answers: Answers;
  /** The page staff stand on, or null on the review. */
  path: string | null;
  recordId: string | null;
  baseRevisions: string[];
  startedAt: string;
  /** Set when staff tried to leave a page (or finish) with an issue; shows the message. */
  showIssue: boolean;
  saveState: SaveState;
  savedAt: string | null;
  /** The last save's or finish's refusal. */
  error: CallError | null;
  finishing: boolean;
};

export type FieldFormSlice = {
  fieldSession: FieldSession | null;
  /** Opens a draft (new, resumed, a record's edit or a merge) on its saved page. */
  openFieldDraft(draft: Draft): void;
  startFieldDraft(formId: string): void;
  setFieldAnswer(path: string, value: AnswerValue | undefined): void;
  fieldNext(): Promise<void>;
  /** The page before; from the first page, back to the list. */
  fieldBack(): Promise<void>;
  /** A page by path (from the review or a list), or the review (null). */
  goToFieldPage(path: string | null): Promise<void>;
  addFieldEntry(repeatPath: string): Promise<void>;
  editFieldEntry(repeatPath: string, index: number): Promise<void>;
  deleteFieldEntry(repeatPath: string, index: number): void;
  moveFieldEntry(repeatPath: string, index: number, step: -1 | 1): void;
  /** Saves now what is not saved yet; resolves once it is durable (or refused). */
  saveFieldDraft(): Promise<CallError | null>;
  finishFieldDraft(): Promise<CallError | null>;
  /** Saves and goes back to the list of field records. */
  closeFieldForm(): Promise<void>;
  /** The idle timeout on the staff side: saves, locks the staff session, keeps the draft open. */
  lockFieldSession(): Promise<void>;
};

export function selectFieldForm(state: KioskState): FieldForm | undefined {
  const session = state.fieldSession;
  return session ? state.field.forms?.find((form) => form.definition.formId === session.formId) : undefined;
}

export function sessionView(form: FieldForm, session: FieldSession): FieldView {
  return fieldView(form.compiled, session.answers, session.path);
}

/** The first entry page of an entry, or its list when nothing in it is relevant. */
function entryStart(view: FieldView, repeatPath: string, index: number): string {
  const prefix = `${repeatPath}.${index}.`;
  return view.pages.find((page) => page.path.startsWith(prefix))?.path ?? repeatPath;
}

export const createFieldFormSlice: SliceCreator<FieldFormSlice> = (set, get, deps) => {
  const staffCall = staffCaller(set, get, deps.api);
  const timers = deps.timers ?? REAL_TIMERS;
  let lastKey = 0;
  let timer: unknown = null;
  let chain: Promise<CallError | null> = Promise.resolve(null);
  /** What the last successful save held. */
  let saved: { key: number; answers: Answers; path: string | null } | null = null;

  const update = (key: number, change: Partial<FieldSession>): void => {
    const session = get().fieldSession;
    if (session?.key === key) set({ fieldSession: { ...session, ...change } });
  };

  const cancelTimer = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };

  const saveOnce = async (): Promise<CallError | null> => {
    const session = get().fieldSession;
    const form = selectFieldForm(get());
    if (!session || !form) return null;
    const unchanged =
      saved?.key === session.key && saved.answers === session.answers && saved.path === session.path;
    if (
      (unchanged && session.draftId !== null) ||
      (session.draftId === null && Object.keys(session.answers).length === 0)
    )
      return null;
    update(session.key, { saveState: 'saving' });
    const { pages } = sessionView(form, session);
    const result = await staffCall('draft:save', {
      ...(session.draftId === null ? {} : { draftId: session.draftId }),
      formId: form.definition.formId,
      formVersion: form.definition.version,
      language: session.language,
      answers: session.answers,
      // On the review, the last page: the form's own path names staff can resume on.
      position: { path: session.path ?? pages.at(-1)?.path ?? '' },
      recordId: session.recordId,
      baseRevisions: session.baseRevisions,
      startedAt: session.startedAt,
    });
    if (!result.ok) {
      update(session.key, { saveState: 'failed', error: result.error });
      return result.error;
    }
    saved = { key: session.key, answers: session.answers, path: session.path };
    const now = get().fieldSession;
    const moved = now?.answers !== session.answers || now.path !== session.path;
    update(session.key, {
      draftId: result.value.draftId,
      savedAt: result.value.savedAt,
      saveState: moved ? 'pending' : 'saved',
      error: null,
    });
    return null;
  };

  /** Saves are made one after another, so the first one alone creates the draft. */
  const flush = (): Promise<CallError | null> => {
    cancelTimer();
    chain = chain.then(saveOnce);
    return chain;
  };

  const schedule = () => {
    cancelTimer();
    timer = timers.set(() => {
      timer = null;
      void flush();
    }, AUTOSAVE_MS);
  };

  const current = () => {
    const session = get().fieldSession;
    const form = selectFieldForm(get());
    return session && form ? { session, form, view: sessionView(form, session) } : undefined;
  };

  /** Moves to a page and saves the position at once. */
  const moveTo = async (path: string | null, showIssue = false) => {
    const session = get().fieldSession;
    if (!session) return;
    update(session.key, { path, showIssue, error: null });
    await flush();
  };

  const changeAnswers = (change: (answers: Answers) => Answers) => {
    const session = get().fieldSession;
    if (!session) return;
    const form = selectFieldForm(get());
    const changed = change(session.answers);
    // Triggered calculations rerun when their trigger question's answer changed.
    const answers = form ? applyTriggers(form.compiled, session.answers, changed) : changed;
    update(session.key, { answers, saveState: 'pending', error: null });
    schedule();
  };

  return {
    fieldSession: null,

    openFieldDraft(draft) {
      lastKey += 1;
      cancelTimer();
      saved = { key: lastKey, answers: draft.answers, path: draft.position.path };
      set({
        screen: 'field-form',
        fieldSession: {
          key: lastKey,
          draftId: draft.draftId,
          formId: draft.formId,
          language: draft.language,
          answers: draft.answers,
          path: draft.position.path,
          recordId: draft.recordId,
          baseRevisions: draft.baseRevisions,
          startedAt: draft.startedAt,
          showIssue: false,
          saveState: 'saved',
          savedAt: draft.updatedAt,
          error: null,
          finishing: false,
        },
      });
    },

    startFieldDraft(formId) {
      const form = get().field.forms?.find((candidate) => candidate.definition.formId === formId);
      if (!form) return;
      const wanted = selectSettings(get())?.defaultLanguage;
      const { languages, defaultLanguage } = form.definition;
      lastKey += 1;
      cancelTimer();
      const startedAt = deps.now().toISOString();
      const boot = get().boot;
      const answers = startAnswers(form.compiled, startedAt, {
        ...(boot.status === 'ready' && { deviceid: boot.deviceId }),
      });
      set({
        screen: 'field-form',
        fieldSession: {
          key: lastKey,
          draftId: null,
          formId,
          language: wanted && languages.includes(wanted) ? wanted : defaultLanguage,
          answers,
          path: fieldView(form.compiled, answers, '').pages[0]?.path ?? null,
          recordId: null,
          baseRevisions: [],
          startedAt,
          showIssue: false,
          saveState: 'idle',
          savedAt: null,
          error: null,
          finishing: false,
        },
      });
    },

    setFieldAnswer(path, value) {
      changeAnswers((answers) => withAnswerAt(answers, path, value));
    },

    async fieldNext() {
      const at = current();
      if (!at) return;
      const { view } = at;
      if (view.index === REVIEW) return;
      if (pageIssue(view, view.index)) {
        update(at.session.key, { showIssue: true });
        return;
      }
      const next = nextIndex(view.pages, view.index);
      await moveTo(next === REVIEW ? null : (view.pages[next]?.path ?? null));
    },

    async fieldBack() {
      const at = current();
      if (!at) return;
      const back = backIndex(at.view.pages, at.view.index);
      if (back < 0) await get().closeFieldForm();
      else await moveTo(at.view.pages[back]?.path ?? null);
    },

    goToFieldPage: (path) => moveTo(path),

    async addFieldEntry(repeatPath) {
      const form = selectFieldForm(get());
      // A top-level repeat's new entry starts with its questions' defaults.
      const fresh = (answers: Answers): Answers =>
        form && !repeatPath.includes('.') ? newRepeatInstance(form.compiled, repeatPath, answers) : {};
      changeAnswers((answers) => addEntry(answers, repeatPath, fresh(answers)));
      const at = current();
      if (!at) return;
      const page = at.view.pages.find((candidate) => candidate.path === repeatPath);
      if (page?.kind === 'repeat') await moveTo(entryStart(at.view, repeatPath, page.count - 1));
    },

    async editFieldEntry(repeatPath, index) {
      const at = current();
      if (at) await moveTo(entryStart(at.view, repeatPath, index));
    },

    deleteFieldEntry(repeatPath, index) {
      changeAnswers((answers) => deleteEntry(answers, repeatPath, index));
    },

    moveFieldEntry(repeatPath, index, step) {
      changeAnswers((answers) => moveEntry(answers, repeatPath, index, step));
    },

    saveFieldDraft: flush,

    async finishFieldDraft() {
      const at = current();
      if (!at || at.session.finishing) return null;
      const stuck = firstIssueIndex(at.view);
      if (stuck >= 0) {
        await moveTo(at.view.pages[stuck]?.path ?? null, true);
        return null;
      }
      const { key } = at.session;
      update(key, { finishing: true, error: null });
      const error = await flush();
      const draftId = get().fieldSession?.draftId ?? null;
      if (error || draftId === null) {
        update(key, { finishing: false });
        return error;
      }
      const recordedBy = at.view.evaluation.values['registrado_por'];
      const editedBy = typeof recordedBy === 'string' ? recordedBy : selectSettings(get())?.deviceName;
      const result = await staffCall('draft:finish', {
        draftId,
        ...(editedBy ? { editedBy: editedBy.slice(0, 80) } : {}),
      });
      if (!result.ok) {
        update(key, { finishing: false, error: result.error });
        return result.error;
      }
      if (get().fieldSession?.key === key) set({ fieldSession: null });
      set({ field: { ...get().field, finished: { revision: result.value.revision } } });
      return get().openFieldRecords();
    },

    async closeFieldForm() {
      await flush();
      cancelTimer();
      set({ fieldSession: null });
      await get().openFieldRecords();
    },

    async lockFieldSession() {
      await flush();
      const { token } = get().staff;
      set({ screen: 'staff-pin', staff: NO_STAFF });
      if (token !== null) await deps.api('staff:lock', { token });
    },
  };
};
