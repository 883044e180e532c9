// The records the sync server refused, opened from the sync panel: what each is, why it was refused
// and when, and "Volver a enviar" for one or all of them once the coordinators fixed the cause.
import { useEffect, useId, useState } from 'react';
import { errorText } from '../app/error-text';
import { StatusList } from '../app/StatusList';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { SAY_NOTHING, type Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { deadLetterName, syncTimeText } from './sync-text';

export function DeadLetters({ id }: { id: string }) {
  const translator = useT();
  const { t } = translator;
  const list = useKiosk((state) => state.staff.deadLetters);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const headingId = useId();
  const [message, setMessage] = useState<Wording>(() => SAY_NOTHING);
  const say = (wording: Wording) => setMessage(() => wording);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void kioskStore
      .getState()
      .loadDeadLetters()
      .then((error) => {
        if (!error) return;
        const failed: Wording = (tr) => errorText(error, tr);
        setMessage(() => failed);
      });
  }, []);

  const resend = async (seqs: number[]) => {
    if (busy) return;
    setBusy(true);
    const result = await kioskStore.getState().resendDeadLetters(seqs);
    setBusy(false);
    if (!result.ok) {
      const { error } = result;
      say((tr) => errorText(error, tr));
      return;
    }
    say((tr) => tr.tc('staff.deadLetters.resent', seqs.length));
    // The buttons pressed are gone with the records they sent: carry on from the list's top.
    headingRef.current?.focus();
  };

  const letters = list?.deadLetters ?? [];
  return (
    <section id={id} className="dead-letters" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('staff.deadLetters.title')}
      </h3>
      <p className="hint">{t('staff.deadLetters.help')}</p>
      {list === null ? <p>{t('loading')}</p> : null}
      {list !== null && letters.length === 0 ? <p>{t('staff.deadLetters.none')}</p> : null}
      {letters.length > 0 ? (
        <ol className="dead-letter-list" aria-labelledby={headingId}>
          {letters.map((letter) => {
            const name = deadLetterName(letter, translator);
            return (
              <li key={letter.seq} className="dead-letter">
                <h4>{name}</h4>
                <StatusList
                  rows={[
                    [t('staff.deadLetters.reason'), t(`staff.deadLetters.code.${letter.code}`)],
                    [t('staff.deadLetters.rejectedAt'), syncTimeText(letter.rejectedAt, translator)],
                  ]}
                />
                <button
                  type="button"
                  className="button secondary small"
                  aria-label={t('staff.deadLetters.resendOne', { record: name })}
                  aria-disabled={busy}
                  onClick={() => void resend([letter.seq])}
                >
                  {t('staff.deadLetters.resend')}
                </button>
              </li>
            );
          })}
        </ol>
      ) : null}
      {list !== null && letters.length < list.total ? (
        <p className="hint">{t('staff.deadLetters.newest', { shown: letters.length, total: list.total })}</p>
      ) : null}
      <p className="panel-message" role="status">
        {message(translator)}
      </p>
      {letters.length > 1 ? (
        <div className="row-buttons">
          <button
            type="button"
            className="button primary"
            aria-disabled={busy}
            onClick={() => void resend(letters.map((letter) => letter.seq))}
          >
            {t('staff.deadLetters.resendAll')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
