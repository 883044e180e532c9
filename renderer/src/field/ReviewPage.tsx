// The end of a field record: every answer in form order, entries under their repeat, each with a
// way back to its page; then Terminar, which saves the revision.
import { useState } from 'react';
import { AnswerReviewRow } from '../app/AnswerReviewRow';
import { errorText } from '../app/error-text';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { useT } from '../i18n/use-t';
import { AttachmentThumbnail } from '../photo';
import type { FieldSession } from '../store/field-form-slice';
import type { FieldForm } from '../store/field-slice';
import { kioskStore } from '../store/use-kiosk';
import { answerAt } from './answer-paths';
import { answerText } from './answer-text';
import type { FieldPage, FieldView } from './field-pages';

type Props = { view: FieldView; session: FieldSession; form: FieldForm };

export function ReviewPage({ view, session, form }: Props) {
  const translator = useT();
  const { t } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [error, setError] = useState('');
  const { finishFieldDraft } = kioskStore.getState();

  const finish = async () => {
    setError('');
    const refused = await finishFieldDraft();
    if (refused) setError(errorText(refused, translator));
  };

  return (
    <section className="question review-page">
      <h2 ref={headingRef} tabIndex={-1} className="question-heading">
        {t('field.review.title')}
      </h2>
      <p className="hint">{t('field.review.help')}</p>
      <ul className="review-list">
        {view.pages.map((page) => (
          <ReviewRow key={page.path} page={page} session={session} form={form} />
        ))}
      </ul>
      <p className="issue" role="alert">
        {error || (session.error ? errorText(session.error, translator) : '')}
      </p>
      <button
        type="button"
        className="button primary"
        disabled={session.finishing}
        onClick={() => void finish()}
      >
        {session.finishing ? t('field.review.finishing') : t('field.review.finish')}
      </button>
    </section>
  );
}

function ReviewRow({ page, session, form }: { page: FieldPage; session: FieldSession; form: FieldForm }) {
  const translator = useT();
  const { t, tc, pick } = translator;
  const { goToFieldPage } = kioskStore.getState();
  const depth = page.entry ? page.path.split('.').length - 1 : 0;
  const entryName = page.entry ? `${t('field.repeat.entry', { number: page.entry.index + 1 })} · ` : '';
  const value = page.kind === 'question' ? answerAt(session.answers, page.path) : undefined;
  const text =
    page.kind === 'repeat'
      ? tc('field.repeat.entries', page.count)
      : answerText(form.definition, page.page.question, value, translator);
  const label = page.kind === 'repeat' ? pick(page.repeat.group.label) : pick(page.page.question.label);
  if (page.kind === 'question' && page.page.question.type === 'note') return null;

  return (
    <AnswerReviewRow
      className={page.kind === 'repeat' ? 'review-row review-repeat' : 'review-row'}
      depth={depth}
      label={
        <>
          {entryName}
          {label}
        </>
      }
      changeText={t('field.review.change')}
      onChange={() => void goToFieldPage(page.path)}
    >
      {page.kind === 'question' && page.page.question.type === 'image' && typeof value === 'string' ? (
        <AttachmentThumbnail name={value} alt={`${entryName}${label}`} />
      ) : (
        <p className="review-value">{text || t('field.review.none')}</p>
      )}
    </AnswerReviewRow>
  );
}
