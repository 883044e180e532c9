import { AlertDialog } from '../app/AlertDialog';
import { useDialogFocus } from '../app/use-dialog-focus';
import { useT } from '../i18n/use-t';

/** locks: on field-record screens the timeout locks them (the draft is kept) instead of resetting. */
type Props = { secondsLeft: number; onStay(): void; locks: boolean };

export function IdleWarning({ secondsLeft, onStay, locks }: Props) {
  const { t, tc } = useT();
  const stayRef = useDialogFocus<HTMLButtonElement>();
  return (
    <AlertDialog
      title={t('idle.title')}
      body={tc(locks ? 'idle.countdownLock' : 'idle.countdown', secondsLeft)}
    >
      <button ref={stayRef} type="button" className="button primary" onClick={onStay}>
        {t('idle.stay')}
      </button>
    </AlertDialog>
  );
}
