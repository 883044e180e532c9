// The parts photo, drawing and recording questions share: their rows of buttons, the hidden file
// input their "choose" buttons open, and the status and problem lines screen readers hear.
import type { RefObject } from 'react';
import { useFocusOnMount } from '../app/use-focus-on-mount';

export type Action = { label: string; onClick(): void };

type PickProps = {
  /** Whether the first button takes focus (staff got here by acting). */
  focus: boolean;
  /** Take a photo or record; without it (a file question) choosing a file comes first. */
  capture: Action | null;
  chooseFile: Action;
  /** Back to the kept file, while one is being changed. */
  cancel: Action | null;
};

export function PickButtons({ focus, capture, chooseFile, cancel }: PickProps) {
  const firstRef = useFocusOnMount<HTMLButtonElement>(focus);
  return (
    <div className="photo-actions">
      {capture ? (
        <button ref={firstRef} type="button" className="button primary" onClick={capture.onClick}>
          {capture.label}
        </button>
      ) : null}
      <button
        ref={capture ? undefined : firstRef}
        type="button"
        className={capture ? 'button secondary' : 'button primary'}
        onClick={chooseFile.onClick}
      >
        {chooseFile.label}
      </button>
      {cancel ? (
        <button type="button" className="button quiet" onClick={cancel.onClick}>
          {cancel.label}
        </button>
      ) : null}
    </div>
  );
}

type ReviewProps = { saving: boolean; keep: Action; again: Action };

/** Keep the take or try again; both wait while it is being saved, focus starts on keep. */
export function ReviewButtons({ saving, keep, again }: ReviewProps) {
  const keepRef = useFocusOnMount<HTMLButtonElement>();
  const button = (action: Action, first: boolean) => (
    <button
      ref={first ? keepRef : undefined}
      type="button"
      className={first ? 'button primary' : 'button secondary'}
      onClick={() => saving || action.onClick()}
      aria-disabled={saving}
    >
      {action.label}
    </button>
  );
  return (
    <div className="photo-actions">
      {button(keep, true)}
      {button(again, false)}
    </div>
  );
}

type KeptProps = { focus: boolean; change: Action; remove: Action };

export function KeptButtons({ focus, change, remove }: KeptProps) {
  const changeRef = useFocusOnMount<HTMLButtonElement>(focus);
  return (
    <div className="photo-actions">
      <button ref={changeRef} type="button" className="button secondary" onClick={change.onClick}>
        {change.label}
      </button>
      <button type="button" className="button quiet" onClick={remove.onClick}>
        {remove.label}
      </button>
    </div>
  );
}

type LiveProps = { act: Action; waiting: boolean; shutter: boolean; close: Action };

/** A live camera's or recording's big button, focused from the start and waiting until the device is on. */
export function LiveButtons({ act, waiting, shutter, close }: LiveProps) {
  const actRef = useFocusOnMount<HTMLButtonElement>();
  return (
    <div className="photo-actions">
      <button
        ref={actRef}
        type="button"
        className={shutter ? 'button primary huge photo-shutter' : 'button primary huge'}
        onClick={act.onClick}
        aria-disabled={waiting}
      >
        {act.label}
      </button>
      <button type="button" className="button secondary" onClick={close.onClick}>
        {close.label}
      </button>
    </div>
  );
}

type FileProps = {
  inputRef: RefObject<HTMLInputElement | null>;
  accept: string | undefined;
  onFile(file: File): void;
};

/** Opened by the question's own button (`inputRef.current.click()`), so it takes no focus itself. */
export function HiddenFileInput({ inputRef, accept, onFile }: FileProps) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept={accept}
      hidden
      tabIndex={-1}
      onChange={(event) => {
        const file = event.target.files?.[0];
        // Cleared, so that choosing the same file again still counts as a choice.
        event.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}

export function StatusLines({ status, problem }: { status: string; problem: string }) {
  return (
    <>
      <p className="photo-status" role="status">
        {status}
      </p>
      <p className="photo-problem" role="alert">
        {problem}
      </p>
    </>
  );
}
