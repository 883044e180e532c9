// "Are you sure?" before something that cannot be undone (discarding a draft, deleting an entry).
// Focus starts on Cancel, Escape cancels, and focus returns where it was.
import type { ReactNode } from 'react';
import { AlertDialog } from '../app/AlertDialog';
import { useDialogFocus } from '../app/use-dialog-focus';
import { useT } from '../i18n/use-t';

type Props = {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
};

export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onCancel }: Props) {
  const { t } = useT();
  const cancelRef = useDialogFocus<HTMLButtonElement>();
  return (
    <AlertDialog title={title} body={body} onEscape={onCancel}>
      <div className="row-buttons modal-buttons">
        <button ref={cancelRef} type="button" className="button secondary" onClick={onCancel}>
          {t('field.cancel')}
        </button>
        <button type="button" className="button danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </AlertDialog>
  );
}
