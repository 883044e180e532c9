// "Are you sure?" before something that cannot be undone (discarding a draft, deleting an entry).
// Focus starts on Cancel, Escape cancels, and focus returns where it was.
import { useId, type KeyboardEvent } from 'react';
import { useDialogFocus } from '../app/use-dialog-focus';
import { useT } from '../i18n/use-t';

type Props = {
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
};

export function ConfirmDialog({ title, body, confirmLabel, onConfirm, onCancel }: Props) {
  const { t } = useT();
  const titleId = useId();
  const bodyId = useId();
  const cancelRef = useDialogFocus<HTMLButtonElement>();

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') onCancel();
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={onKeyDown}
      >
        <h2 id={titleId}>{title}</h2>
        <p id={bodyId}>{body}</p>
        <div className="row-buttons modal-buttons">
          <button ref={cancelRef} type="button" className="button secondary" onClick={onCancel}>
            {t('field.cancel')}
          </button>
          <button type="button" className="button danger" onClick={onConfirm}>
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
