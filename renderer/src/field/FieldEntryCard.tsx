// One line of the field-records list: what it is (summary, form, revision, badges, date) and its
// actions. The actions are described by the entry's title, so "Continuar" is told apart per entry.
import { useId } from 'react';
import type { FieldEntry } from '../../../shared/ipc/field-contract';
import type { CallError } from '../../../shared/ipc/result';
import { useT } from '../i18n/use-t';
import { kioskStore } from '../store/use-kiosk';

type Props = {
  entry: FieldEntry;
  onError(error: CallError | null): void;
  onDiscard(): void;
};

export function FieldEntryCard({ entry, onError, onDiscard }: Props) {
  const { t, tc, pick, locale } = useT();
  const titleId = useId();
  const { resumeDraft, editRecord, openConflict } = kioskStore.getState();
  const updated = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(entry.updatedAt),
  );
  const run = async (action: Promise<CallError | null>) => onError(await action);
  const badges = [
    entry.kind === 'draft'
      ? t(entry.recordId ? 'field.entry.draftOfRecord' : 'field.entry.draft')
      : t('field.entry.record'),
    entry.revision === null ? null : t('field.entry.revision', { revision: entry.revision }),
    entry.kind === 'record' && !entry.complete ? t('field.entry.refused') : null,
    entry.here ? null : t('field.entry.otherKiosk'),
  ].filter((badge): badge is string => badge !== null);

  return (
    <li className={entry.conflict ? 'field-entry has-conflict' : 'field-entry'}>
      <div className="field-entry-text">
        <h3 id={titleId} className="field-entry-title">
          {entry.summary.length > 0 ? entry.summary.join(' · ') : t('field.entry.untitled')}
        </h3>
        <p className="hint">{pick(entry.title)}</p>
        <ul className="badges">
          {badges.map((badge) => (
            <li key={badge} className="badge">
              {badge}
            </li>
          ))}
          {entry.conflict ? <li className="badge badge-conflict">{t('field.entry.conflict')}</li> : null}
          {entry.photosWaiting > 0 ? (
            <li className="badge badge-waiting">{tc('field.entry.photosWaiting', entry.photosWaiting)}</li>
          ) : null}
        </ul>
        <p className="hint">{t('field.entry.updated', { date: updated })}</p>
      </div>
      <div className="row-buttons field-entry-actions">
        {entry.kind === 'draft' && entry.draftId ? (
          <>
            <button
              type="button"
              className="button primary"
              aria-describedby={titleId}
              onClick={() => void run(resumeDraft(entry.draftId ?? ''))}
            >
              {t('field.resume')}
            </button>
            <button type="button" className="button danger" aria-describedby={titleId} onClick={onDiscard}>
              {t('field.discard')}
            </button>
          </>
        ) : entry.recordId && entry.conflict ? (
          <button
            type="button"
            className="button primary"
            aria-describedby={titleId}
            onClick={() => void run(openConflict(entry.recordId ?? ''))}
          >
            {t('field.resolve')}
          </button>
        ) : entry.recordId ? (
          <button
            type="button"
            className="button primary"
            aria-describedby={titleId}
            onClick={() => void run(editRecord(entry.recordId ?? ''))}
          >
            {t('field.edit')}
          </button>
        ) : null}
      </div>
    </li>
  );
}
