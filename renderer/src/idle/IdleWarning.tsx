import { useId } from 'react';
import { useDialogFocus } from '../app/use-dialog-focus';
import { useT } from '../i18n/use-t';

/** locks: on field-record screens the timeout locks them (the draft is kept) instead of resetting. */
type Props = { secondsLeft: number; onStay(): void; locks: boolean };

export function IdleWarning({ secondsLeft, onStay, locks }: Props) {
  const { t, tc } = useT();
  const titleId = useId();
  const bodyId = useId();
  const stayRef = useDialogFocus<HTMLButtonElement>();

  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
      >
        <h2 id={titleId}>{t('idle.title')}</h2>
        <p id={bodyId}>{tc(locks ? 'idle.countdownLock' : 'idle.countdown', secondsLeft)}</p>
        <button ref={stayRef} type="button" className="button primary" onClick={onStay}>
          {t('idle.stay')}
        </button>
      </div>
    </div>
  );
}
