// The staff's field records: new records per staff-only form, a search, and the drafts and saved
// records with what can be done to each (continue, discard, edit, resolve a conflict).
import { useCallback, useId, useState } from 'react';
import type { FieldEntry } from '../../../shared/ipc/field-contract';
import type { CallError } from '../../../shared/ipc/result';
import { errorText } from '../app/error-text';
import { Filled } from '../i18n/Filled';
import { SAY_NOTHING, type Translator, type Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { KeyboardField } from '../input/KeyboardField';
import { StaffHeader } from '../staff/StaffHeader';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { ConfirmDialog } from './ConfirmDialog';
import { FieldEntryCard } from './FieldEntryCard';

export function FieldRecordsScreen() {
  const translator = useT();
  const { t, tc, pick } = translator;
  const forms = useKiosk((state) => state.field.forms);
  const list = useKiosk((state) => state.field.list);
  const query = useKiosk((state) => state.field.query);
  const finished = useKiosk((state) => state.field.finished);
  // Arriving from a finished record: say which revision it became.
  const [notice, setNotice] = useState<Wording>(() =>
    finished ? (tr: Translator) => tr.t('field.finished', { revision: finished.revision }) : SAY_NOTHING,
  );
  const [discarding, setDiscarding] = useState<FieldEntry | null>(null);
  const ids = { search: useId(), searchLabel: useId(), newTitle: useId(), listTitle: useId() };
  const { openStaffScreen, lockStaff, searchFieldRecords, startFieldDraft } = kioskStore.getState();

  const report = useCallback((error: CallError | null, done: Wording = SAY_NOTHING) => {
    const wording: Wording = error ? (tr) => errorText(error, tr) : done;
    setNotice(() => wording);
  }, []);

  const discard = async (draftId: string) => {
    setDiscarding(null);
    report(await kioskStore.getState().discardDraft(draftId), (tr) => tr.t('field.discarded'));
  };

  return (
    <main className="screen staff-screen field-records-screen">
      <div className="staff-layout">
        <StaffHeader title={t('field.title')}>
          <div className="row-buttons">
            <button type="button" className="button secondary" onClick={openStaffScreen}>
              {t('field.toStaff')}
            </button>
            <button type="button" className="button secondary" onClick={() => void lockStaff()}>
              {t('field.lock')}
            </button>
          </div>
        </StaffHeader>
        <p className="staff-notice" role="status">
          {notice(translator)}
        </p>
        <section className="panel" aria-labelledby={ids.newTitle}>
          <h2 id={ids.newTitle}>{t('field.new.title')}</h2>
          {forms === null ? (
            <p>{t('loading')}</p>
          ) : forms.length === 0 ? (
            <p>{t('field.noForms')}</p>
          ) : (
            <div className="row-buttons">
              {forms.map(({ definition }) => (
                <button
                  key={definition.formId}
                  type="button"
                  className="button primary"
                  onClick={() => startFieldDraft(definition.formId)}
                >
                  <Filled message={t('field.new')} vars={{ title: pick(definition.title) }} />
                </button>
              ))}
            </div>
          )}
        </section>
        <section className="panel" aria-labelledby={ids.listTitle}>
          <h2 id={ids.listTitle}>{t('field.list.title')}</h2>
          <label id={ids.searchLabel} htmlFor={ids.search} className="field-label">
            {t('field.search.label')}
          </label>
          <KeyboardField
            id={ids.search}
            type="search"
            value={query}
            onChange={(next) => void searchFieldRecords(next).then((error) => report(error))}
            keyboard="on-focus"
            labelledBy={ids.searchLabel}
          />
          {list === null ? (
            <p>{t('loading')}</p>
          ) : (
            <>
              <p className="hint" aria-live="polite">
                {tc('field.list.count', list.total)}
                {list.entries.length < list.total
                  ? ` ${t('field.list.showing', { shown: list.entries.length, total: list.total })}`
                  : ''}
              </p>
              {list.entries.length === 0 ? (
                <p>{t('field.list.empty')}</p>
              ) : (
                <ul className="field-entries">
                  {list.entries.map((entry) => (
                    <FieldEntryCard
                      key={entry.draftId ?? entry.recordId}
                      entry={entry}
                      onError={report}
                      onDiscard={() => setDiscarding(entry)}
                    />
                  ))}
                </ul>
              )}
            </>
          )}
        </section>
      </div>
      {discarding?.draftId ? (
        <ConfirmDialog
          title={t('field.discard.title')}
          body={t('field.discard.body')}
          confirmLabel={t('field.discard.confirm')}
          onConfirm={() => void discard(discarding.draftId ?? '')}
          onCancel={() => setDiscarding(null)}
        />
      ) : null}
    </main>
  );
}
