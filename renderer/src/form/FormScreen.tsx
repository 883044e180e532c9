// The form, one question per page, with the section it belongs to (and the section's hint),
// progress and Atrás/Siguiente; after the last page, the review of answers with Enviar.
import { useId, useMemo, useRef, type FormEvent } from 'react';
import type { ValidationIssue } from '../../../shared/forms/engine';
import type { Group } from '../../../shared/forms/form-definition';
import { LargerTextToggle } from '../app/LargerTextToggle';
import { useT } from '../i18n/use-t';
import type { Translator } from '../i18n/i18n';
import type { KioskForm } from '../store/boot-slice';
import { formProgress, shownFraction } from '../store/form-progress';
import { formView } from '../store/form-view';
import { sessionForm, type FormSession } from '../store/session-slice';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { errorText } from '../app/error-text';
import { entryField } from './question-props';
import { QuestionView } from './QuestionView';
import { answerAt } from '../field/answer-paths';
import { FormProgressBar } from './FormProgressBar';
import { sectionOf, VisitorReview } from './VisitorReview';

export function FormScreen() {
  const session = useKiosk((state) => state.session);
  const form = useKiosk(sessionForm);
  if (!session || !form) return null;
  return <FormPages session={session} form={form} />;
}

/** A required answer missing in a section with a hint ("Si no gastó en algo escriba 0") says it. */
function issueText(issue: ValidationIssue | undefined, groupHint: string, { t, pick }: Translator): string {
  if (!issue) return '';
  const message = pick(issue.message) || t('issue.fallback');
  return issue.code === 'required' && groupHint
    ? t('visitor.issue.groupHint', { message: message.replace(/[.。]\s*$/, ''), hint: groupHint })
    : message;
}

function FormPages({ session, form }: { session: FormSession; form: KioskForm }) {
  const translator = useT();
  const { t, pick } = translator;
  const { answers, pageIndex } = session;
  const view = useMemo(
    () => formView(form.compiled, answers, pageIndex),
    [form.compiled, answers, pageIndex],
  );
  const { page, pages, index } = view;
  const { reviewing } = session;
  const progress = useMemo(
    () => formProgress(form.compiled, view, reviewing),
    [form.compiled, view, reviewing],
  );
  const { goNext, goBack, setAnswer, showLanguages } = kioskStore.getState();
  const section = page && !reviewing ? sectionOf(page, pick) : '';
  const groupHint = page && !reviewing ? groupHintOf(page.groups, pick) : '';

  const bodyRef = useRef<HTMLDivElement>(null);
  const groupHintId = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await goNext();
    // Refused: back into the field at fault, so the visitor can correct it straight away.
    if (kioskStore.getState().session?.showIssue) entryField(bodyRef.current)?.focus();
  };

  return (
    <main className="screen form-screen">
      <form className="form-layout" onSubmit={(event) => void onSubmit(event)} noValidate>
        <header className="form-header">
          <h1 className="form-title" lang={translator.formLang}>
            {pick(form.definition.title)}
          </h1>
          <div className="form-tools">
            {session.languages.length > 1 ? (
              <button type="button" className="button secondary" onClick={showLanguages}>
                {t('form.changeLanguage')}
              </button>
            ) : null}
            <LargerTextToggle />
          </div>
          <FormProgressBar
            progress={progress}
            fraction={reviewing ? 1 : shownFraction(progress, session.progressFloors, index)}
          />
        </header>
        <div ref={bodyRef} className="form-body">
          {section ? <h2 className="section-heading">{section}</h2> : null}
          {groupHint ? (
            <p id={groupHintId} className="hint group-hint" lang={translator.formLang}>
              {groupHint}
            </p>
          ) : null}
          {reviewing ? (
            <VisitorReview form={form} pages={pages} evaluation={view.evaluation} answers={answers} />
          ) : page ? (
            <QuestionView
              key={page.path}
              page={page}
              value={answerAt(answers, page.path)}
              onChange={(value) => setAnswer(page.path, value)}
              issue={session.showIssue ? issueText(view.issue, groupHint, translator) : ''}
              choices={form.definition.choices[page.question.listName ?? ''] ?? []}
              level={section ? 3 : 2}
              form={form.compiled}
              evaluation={view.evaluation}
              groupHintId={groupHint ? groupHintId : undefined}
            />
          ) : null}
        </div>
        <footer className="form-nav">
          {session.saveError ? (
            <div className="save-error" role="alert">
              <p className="save-error-title">{t('save.failed')}</p>
              <p>{errorText(session.saveError, translator)}</p>
              <p>{t('save.retry')}</p>
            </div>
          ) : null}
          <div className="nav-buttons">
            <button type="button" className="button secondary" onClick={goBack} disabled={session.saving}>
              {t('nav.back')}
            </button>
            <button type="submit" className="button primary" disabled={session.saving}>
              {session.saving
                ? t('nav.sending')
                : reviewing
                  ? t('nav.submit')
                  : session.fromReview
                    ? t('visitor.review.return')
                    : t('nav.next')}
            </button>
          </div>
        </footer>
      </form>
    </main>
  );
}

/** The innermost group hint over a page, filled in the visitor's language ('' for none). */
function groupHintOf(groups: readonly Group[], pick: Translator['pick']): string {
  return (
    [...groups]
      .reverse()
      .map((group) => pick(group.hint))
      .find(Boolean) ?? ''
  );
}
