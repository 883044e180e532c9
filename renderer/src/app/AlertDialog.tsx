// The frame of a modal that stops staff or a visitor before something happens (a confirmation, the
// idle warning): a title, a body that says what will happen, and the caller's buttons. The caller
// puts useDialogFocus on the button focus should start on, so each dialog picks the safe one.
import { useId, type ReactNode } from 'react';

type Props = {
  title: string;
  body: ReactNode;
  /** What Escape does; a dialog without it lets Escape pass. */
  onEscape?: (() => void) | undefined;
  children: ReactNode;
};

export function AlertDialog({ title, body, onEscape, children }: Props) {
  const titleId = useId();
  const bodyId = useId();
  return (
    <div className="modal-backdrop">
      <div
        className="modal"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onEscape?.();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        <p id={bodyId}>{body}</p>
        {children}
      </div>
    </div>
  );
}
