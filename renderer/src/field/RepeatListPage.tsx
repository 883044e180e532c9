// A repeat's page: its entries in order, each in one line (with its photo), and Add, Edit, Delete
// (after a confirmation) and Move up / Move down, all plain buttons; moves and deletions are
// announced. An entry with a missing answer is named, with a way straight to it.
import { useId, useState } from 'react';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { Filled } from '../i18n/Filled';
import { useT } from '../i18n/use-t';
import type { FieldSession } from '../store/field-form-slice';
import type { FieldForm } from '../store/field-slice';
import { kioskStore } from '../store/use-kiosk';
import { AttachmentThumbnail } from '../photo';
import { entriesAt } from './answer-paths';
import { ConfirmDialog } from './ConfirmDialog';
import { entrySummary } from './entry-summary';
import { issueEntry, pageIssue, type FieldPage, type FieldView } from './field-pages';

type Props = {
  page: Extract<FieldPage, { kind: 'repeat' }>;
  view: FieldView;
  session: FieldSession;
  form: FieldForm;
};

export function RepeatListPage({ page, view, session, form }: Props) {
  const translator = useT();
  const { t, tc, pick } = translator;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const headingId = useId();
  const [deleting, setDeleting] = useState<number | null>(null);
  const [said, setSaid] = useState('');
  const { addFieldEntry, editFieldEntry, deleteFieldEntry, moveFieldEntry, goToFieldPage } =
    kioskStore.getState();
  const entries = entriesAt(session.answers, page.path);
  const label = pick(page.repeat.group.label);
  const summaries = entries.map((entry) => entrySummary(form.definition, page.repeat, entry, translator));
  const issue = session.showIssue ? pageIssue(view, view.index) : undefined;
  const atFault = issue && issueEntry(view.pages, issue);
  const faultQuestion = atFault?.page.kind === 'question' ? pick(atFault.page.page.question.label) : '';

  const move = (index: number, step: -1 | 1) => {
    moveFieldEntry(page.path, index, step);
    setSaid(t('field.repeat.moved', { number: index + 1, position: index + step + 1 }));
  };

  const remove = (index: number) => {
    setDeleting(null);
    deleteFieldEntry(page.path, index);
    setSaid(t('field.repeat.deleted', { number: index + 1 }));
  };

  return (
    <section className="question repeat-page" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1} className="question-heading">
        {label}
      </h2>
      {page.repeat.group.hint ? <p className="hint">{pick(page.repeat.group.hint)}</p> : null}
      <p className="hint">{tc('field.repeat.entries', entries.length)}</p>
      <div className="issue" role="alert">
        {atFault ? (
          <>
            <p>
              {t('field.repeat.issue', {
                number: atFault.entry.index + 1,
                repeat: label,
                question: faultQuestion,
              })}
            </p>
            <button
              type="button"
              className="button secondary small"
              onClick={() => void goToFieldPage(atFault.page.path)}
            >
              {t('field.repeat.goToIssue', { number: atFault.entry.index + 1 })}
            </button>
          </>
        ) : null}
      </div>
      {entries.length === 0 ? <p>{t('field.repeat.empty')}</p> : null}
      <ol className="repeat-entries">
        {summaries.map((summary, index) => (
          <RepeatEntryRow
            key={index}
            number={index + 1}
            text={summary.text}
            photo={summary.photo}
            first={index === 0}
            last={index === entries.length - 1}
            onEdit={() => void editFieldEntry(page.path, index)}
            onDelete={() => setDeleting(index)}
            onMove={(step) => move(index, step)}
          />
        ))}
      </ol>
      <button type="button" className="button primary" onClick={() => void addFieldEntry(page.path)}>
        {t('field.repeat.add')}
      </button>
      <p className="sr-only" aria-live="polite">
        {said}
      </p>
      {deleting !== null ? (
        <ConfirmDialog
          title={t('field.repeat.delete.title', { number: deleting + 1 })}
          body={
            <Filled
              message={t('field.repeat.delete.body')}
              vars={{ summary: summaries[deleting]?.text ?? '' }}
            />
          }
          confirmLabel={t('field.repeat.delete.confirm')}
          onConfirm={() => remove(deleting)}
          onCancel={() => setDeleting(null)}
        />
      ) : null}
    </section>
  );
}

type RowProps = {
  number: number;
  text: string;
  photo: string | undefined;
  first: boolean;
  last: boolean;
  onEdit(): void;
  onDelete(): void;
  onMove(step: -1 | 1): void;
};

function RepeatEntryRow({ number, text, photo, first, last, onEdit, onDelete, onMove }: RowProps) {
  const { t } = useT();
  const titleId = useId();
  return (
    <li className="repeat-entry">
      {photo ? <AttachmentThumbnail name={photo} alt={t('field.photo.alt', { number })} /> : null}
      <p id={titleId} className="repeat-entry-text">
        <strong>{t('field.repeat.entry', { number })}</strong>
        {text ? ` · ${text}` : ''}
      </p>
      {/* Each button is described by its entry, so "Editar" and "Subir" are told apart. */}
      <div className="row-buttons">
        <button type="button" className="button secondary small" aria-describedby={titleId} onClick={onEdit}>
          {t('field.repeat.editEntry')}
        </button>
        <button
          type="button"
          className="button secondary small"
          aria-describedby={titleId}
          disabled={first}
          onClick={() => onMove(-1)}
        >
          {t('field.repeat.up')}
        </button>
        <button
          type="button"
          className="button secondary small"
          aria-describedby={titleId}
          disabled={last}
          onClick={() => onMove(1)}
        >
          {t('field.repeat.down')}
        </button>
        <button type="button" className="button danger small" aria-describedby={titleId} onClick={onDelete}>
          {t('field.repeat.delete')}
        </button>
      </div>
    </li>
  );
}
