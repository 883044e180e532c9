// A field record being filled in by staff: one question per page, a repeat's list of entries, or
// the review; progress counts every entry's pages; the save state shows discreetly.
import { useEffect, useMemo, useRef, type FormEvent } from 'react';
import { errorText } from '../app/error-text';
import { entryField } from '../form/question-props';
import { QuestionView } from '../form/QuestionView';
import type { Translator } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { selectFieldForm, sessionView, type FieldSession } from '../store/field-form-slice';
import type { FieldForm } from '../store/field-slice';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { answerAt } from './answer-paths';
import { REVIEW, pageIssue, type FieldPage, type FieldView } from './field-pages';
import { RepeatListPage } from './RepeatListPage';
import { ReviewPage } from './ReviewPage';

export function FieldFormScreen() {
  const session = useKiosk((state) => state.fieldSession);
  const form = useKiosk(selectFieldForm);
  // Leaving the page (reload, closing the window) saves at once what typing has not saved yet.
  useEffect(() => {
    const flush = () => void kioskStore.getState().saveFieldDraft();
    window.addEventListener('pagehide', flush);
    return () => window.removeEventListener('pagehide', flush);
  }, []);
  if (!session || !form) return null;
  return <FieldPages session={session} form={form} />;
}

function saveText(session: FieldSession, translator: Translator): string {
  const { t } = translator;
  if (session.saveState === 'failed' && session.error)
    return t('field.save.failed', { reason: errorText(session.error, translator) });
  return t(`field.save.${session.saveState === 'failed' ? 'pending' : session.saveState}`);
}

/** The section heading: an entry's "Ingredientes: entrada 2 de 3", else the innermost group. */
function sectionOf(page: FieldPage, view: FieldView, { t, pick }: Translator): string | undefined {
  if (page.kind === 'question' && page.entry) {
    const { entry } = page;
    const list = view.pages.find((candidate) => candidate.path === entry.repeatPath);
    if (list?.kind === 'repeat') {
      return t('field.repeat.entryOf', {
        repeat: pick(list.repeat.group.label),
        number: entry.index + 1,
        total: list.count,
      });
    }
  }
  if (page.kind !== 'question') return undefined;
  return [...page.page.groups]
    .reverse()
    .map((group) => pick(group.label))
    .find(Boolean);
}

function FieldPages({ session, form }: { session: FieldSession; form: FieldForm }) {
  const translator = useT();
  const { t, pick } = translator;
  const view = useMemo(() => sessionView(form, session), [form, session]);
  const { fieldNext, fieldBack, setFieldAnswer, closeFieldForm } = kioskStore.getState();
  const bodyRef = useRef<HTMLDivElement>(null);
  const page = view.index === REVIEW ? undefined : view.pages[view.index];
  const issue = session.showIssue ? pageIssue(view, view.index) : undefined;
  const section = page && sectionOf(page, view, translator);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await fieldNext();
    if (kioskStore.getState().fieldSession?.showIssue) entryField(bodyRef.current)?.focus();
  };

  return (
    <main className="screen form-screen field-form-screen">
      <form className="form-layout" onSubmit={(event) => void onSubmit(event)} noValidate>
        <header className="form-header">
          <h1 className="form-title">{pick(form.definition.title)}</h1>
          <div className="progress">
            <progress
              max={view.pages.length + 1}
              value={page ? view.index + 1 : view.pages.length + 1}
              aria-label={t('form.progressLabel')}
            />
            <span>
              {page
                ? t('form.progress', { current: view.index + 1, total: view.pages.length })
                : t('field.form.review')}
            </span>
          </div>
          <p className={`save-state save-${session.saveState}`} role="status">
            {saveText(session, translator)}
          </p>
        </header>
        <div ref={bodyRef} className="form-body">
          {section ? <h2 className="section-heading">{section}</h2> : null}
          {page?.kind === 'question' ? (
            <QuestionView
              key={page.path}
              page={page.page}
              value={answerAt(session.answers, page.path)}
              onChange={(value) => setFieldAnswer(page.path, value)}
              issue={session.showIssue && issue ? pick(issue.message) || t('issue.fallback') : ''}
              choices={form.definition.choices[page.page.question.listName ?? ''] ?? []}
              level={section ? 3 : 2}
              form={form.compiled}
              evaluation={view.evaluation}
              staff
            />
          ) : page?.kind === 'repeat' ? (
            <RepeatListPage key={page.path} page={page} view={view} session={session} form={form} />
          ) : (
            <ReviewPage view={view} session={session} form={form} />
          )}
        </div>
        <footer className="form-nav">
          <div className="nav-buttons">
            <button type="button" className="button secondary" onClick={() => void fieldBack()}>
              {t('nav.back')}
            </button>
            <button type="button" className="button quiet" onClick={() => void closeFieldForm()}>
              {t('field.close')}
            </button>
            {page ? (
              <button type="submit" className="button primary">
                {t('nav.next')}
              </button>
            ) : null}
          </div>
        </footer>
      </form>
    </main>
  );
}
