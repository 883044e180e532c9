// One visitor's pass through one form: answers, page, language. Lives in memory (and in the tab's
// session-restore copy, see session-restore.ts) and is dropped whole when the visitor finishes or
// walks away.
import type { AnswerValue, Answers, FormKind, Language } from '../../../shared/forms/form-definition';
import type { ChannelInput } from '../../../shared/ipc/contract';
import type { CallError } from '../../../shared/ipc/result';
import { hasCatalog } from '../i18n/i18n';
import type { KioskForm } from './boot-slice';
import { formProgress, shownFraction } from './form-progress';
import { changeAnswer, firstPageWithIssue, formView, startAnswers } from './form-view';
import type { KioskState, SliceCreator } from './kiosk-store';
import type { SavedSession } from './session-restore';

export type FormSession = {
  /** Distinguishes one visitor's session from the next (React keys, late save answers). */
  id: number;
  formId: string;
  /** Languages this visitor can choose for this form, in display order. */
  languages: Language[];
  language: Language;
  /** Starts with the form's defaults and start-time metadata. */
  answers: Answers;
  /** Whether the visitor has answered anything (defaults alone are not worth keeping). */
  touched: boolean;
  pageIndex: number;
  startedAt: string;
  /** Set when the visitor tried to leave a page with an issue; shows the message. */
  showIssue: boolean;
  /** On the review of answers after the last page, where Enviar is. */
  reviewing: boolean;
  /** Came to this page by a review's "Cambiar": Siguiente leads back to the review. */
  fromReview: boolean;
  /** The progress fraction each page showed when the visitor left it forward (form-progress.ts). */
  progressFloors: number[];
  saving: boolean;
  saveError: CallError | null;
};

export type Thanks = { kind: FormKind; language: Language; passId: string | null };

export type SessionSlice = {
  session: FormSession | null;
  /** What the thank-you screen shows once the answers are saved. */
  thanks: Thanks | null;
  startForm(formId: string): void;
  chooseLanguage(language: Language): void;
  /** Back to the language screen mid-form (answers stay). */
  showLanguages(): void;
  /** Stores an answer at a page's path; undefined, blank text or no option chosen removes it. */
  setAnswer(path: string, value: AnswerValue | undefined): void;
  /**
   * Next page; from the last page (or a page changed from the review) to the review; from the
   * review, submit. Stays put and shows the issue if the page has one.
   */
  goNext(): Promise<void>;
  goBack(): void;
  /** From the review to a question's page, to change its answer; Siguiente then returns. */
  reviewPage(path: string): void;
  submit(): Promise<void>;
  finishThanks(): void;
  /** Brings back a session kept across a page reload (session-restore.ts), if its form is still here. */
  resumeSession(saved: SavedSession): void;
};

type SaveInput = ChannelInput<'submission:save'>;

export function sessionForm(state: KioskState): KioskForm | undefined {
  const { boot, session } = state;
  if (boot.status !== 'ready' || session === null) return undefined;
  return boot.forms.find((form) => form.definition.formId === session.formId);
}

function saveInput(form: KioskForm, session: FormSession, complete: boolean): SaveInput {
  return {
    formId: form.definition.formId,
    formVersion: form.definition.version,
    language: session.language,
    answers: formView(form.compiled, session.answers, session.pageIndex).evaluation.values,
    complete,
    startedAt: session.startedAt,
  };
}

/**
 * The half-filled form an idle reset must keep, or null when it is to be dropped, or when its
 * complete save is already on its way (keeping it too would store the visitor twice).
 */
export function incompleteSubmission(state: KioskState): SaveInput | null {
  const form = sessionForm(state);
  const { session } = state;
  if (!form || !session || session.saving || form.onIdle !== 'keep') return null;
  if (!session.touched) return null;
  return saveInput(form, session, false);
}

/**
 * The form's languages this kiosk offers, in the form's order: the kiosk's settings choose among
 * the languages it has words for (es, en); a form's own other languages (Hñähñu, Náhuatl…) are
 * always offered, the kiosk's words in Spanish.
 */
export function offeredLanguages(
  formLanguages: readonly Language[],
  settingsLanguages: readonly Language[],
): Language[] {
  return formLanguages.filter((language) => !hasCatalog(language) || settingsLanguages.includes(language));
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get, { api, now }) => {
  let lastSessionId = 0;
  const update = (change: Partial<FormSession>): void => {
    const { session } = get();
    if (session) set({ session: { ...session, ...change } });
  };

  return {
    session: null,
    thanks: null,

    startForm(formId) {
      const { boot } = get();
      if (boot.status !== 'ready') return;
      const form = boot.forms.find((candidate) => candidate.definition.formId === formId);
      if (!form) return;
      const { settings } = boot;
      const offered = offeredLanguages(form.definition.languages, settings.languages);
      const languages = offered.length > 0 ? offered : [form.definition.defaultLanguage];
      const language = languages.includes(settings.defaultLanguage) ? settings.defaultLanguage : languages[0];
      lastSessionId += 1;
      const startedAt = now().toISOString();
      set({
        thanks: null,
        screen: languages.length > 1 ? 'language' : 'form',
        session: {
          id: lastSessionId,
          formId,
          languages,
          language: language ?? form.definition.defaultLanguage,
          answers: startAnswers(form.compiled, startedAt, { deviceid: boot.deviceId }),
          touched: false,
          pageIndex: 0,
          startedAt,
          showIssue: false,
          reviewing: false,
          fromReview: false,
          progressFloors: [],
          saving: false,
          saveError: null,
        },
      });
    },

    // Answers are kept: only the words change.
    chooseLanguage(language) {
      update({ language });
      set({ screen: 'form' });
    },

    showLanguages() {
      if ((get().session?.languages.length ?? 0) > 1) set({ screen: 'language' });
    },

    setAnswer(path, value) {
      const { session } = get();
      const form = sessionForm(get());
      if (!session || !form) return;
      update({
        answers: changeAnswer(form.compiled, session.answers, path, value),
        touched: true,
        saveError: null,
      });
    },

    async goNext() {
      const { session } = get();
      const form = sessionForm(get());
      if (!session || !form || session.saving) return;
      if (session.reviewing) {
        await get().submit();
        return;
      }
      const view = formView(form.compiled, session.answers, session.pageIndex);
      if (view.issue) {
        update({ pageIndex: view.index, showIssue: true });
        return;
      }
      // A changed answer can bring in pages that must be answered before the review.
      const stuck = session.fromReview ? firstPageWithIssue(view) : -1;
      if (stuck >= 0) update({ pageIndex: stuck, showIssue: true });
      else if (view.isLast || session.fromReview)
        update({ reviewing: true, fromReview: false, showIssue: false });
      else {
        const shown = shownFraction(
          formProgress(form.compiled, view, false),
          session.progressFloors,
          view.index,
        );
        update({
          pageIndex: view.index + 1,
          showIssue: false,
          progressFloors: [...session.progressFloors.slice(0, view.index), shown],
        });
      }
    },

    goBack() {
      const { session } = get();
      const form = sessionForm(get());
      if (!session || !form) return;
      const { index, pages } = formView(form.compiled, session.answers, session.pageIndex);
      if (session.reviewing) update({ reviewing: false, pageIndex: pages.length - 1, saveError: null });
      else if (index > 0) update({ pageIndex: index - 1, showIssue: false, saveError: null });
      else if (session.languages.length > 1) set({ screen: 'language' });
      else set({ screen: 'attract', session: null });
    },

    reviewPage(path) {
      const { session } = get();
      const form = sessionForm(get());
      if (!session || !form) return;
      const at = formView(form.compiled, session.answers, session.pageIndex).pages.findIndex(
        (page) => page.path === path,
      );
      if (at >= 0)
        update({ pageIndex: at, reviewing: false, fromReview: true, showIssue: false, saveError: null });
    },

    async submit() {
      const { session } = get();
      const form = sessionForm(get());
      if (!session || !form || session.saving) return;
      // Each page was checked on the way, but a later answer can make an earlier page relevant.
      const stuck = firstPageWithIssue(formView(form.compiled, session.answers, session.pageIndex));
      if (stuck >= 0) {
        update({ pageIndex: stuck, showIssue: true, reviewing: false, fromReview: true });
        return;
      }
      update({ saving: true, saveError: null });
      const result = await api('submission:save', saveInput(form, session, true));
      // An idle reset while the call was out has already cleared this visitor away.
      if (get().session?.id !== session.id) return;
      if (!result.ok) {
        update({ saving: false, saveError: result.error });
        return;
      }
      set({
        session: null,
        screen: 'thanks',
        thanks: { kind: form.definition.kind, language: session.language, passId: result.value.passId },
      });
    },

    finishThanks() {
      set({ thanks: null, screen: 'attract' });
    },

    resumeSession(saved) {
      const { boot } = get();
      if (boot.status !== 'ready') return;
      const form = boot.forms.find((candidate) => candidate.definition.formId === saved.formId);
      // A form changed in between (a sync brought a new version) starts afresh.
      if (!form || form.definition.version !== saved.formVersion) return;
      const { formVersion: _version, screen, ...kept } = saved;
      lastSessionId += 1;
      set({
        thanks: null,
        screen,
        session: {
          ...kept,
          id: lastSessionId,
          touched: true,
          showIssue: false,
          saving: false,
          saveError: null,
        },
      });
    },
  };
};
