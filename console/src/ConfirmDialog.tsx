// A modal confirmation: the browser's own <dialog> (focus kept inside, Escape cancels, the page
// behind inert), opened on Cancel so Enter never confirms by accident, and focus given back to
// what had it before, or to `fallback` when that is gone (the row it was in may have changed).
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function ConfirmDialog(props: {
  title: ReactNode;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  error?: string | undefined;
  onConfirm(): void;
  onClose(): void;
  fallback?: () => HTMLElement | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const id = useId();
  const { fallback } = props;
  useEffect(() => {
    const dialog = ref.current;
    const before = document.activeElement;
    if (dialog !== null && !dialog.open) dialog.showModal();
    cancel.current?.focus();
    return () => {
      dialog?.close();
      const target = before instanceof HTMLElement && before.isConnected ? before : fallback?.();
      target?.focus();
    };
  }, [fallback]);
  return (
    <dialog
      ref={ref}
      className="confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-body`}>{props.children}</p>
      {props.error !== undefined && <p role="alert">{props.error}</p>}
      <div className="actions">
        <button type="button" ref={cancel} onClick={props.onClose}>
          {props.cancelLabel}
        </button>
        <button type="button" className="danger" onClick={props.onConfirm} disabled={props.busy === true}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
