// The parts photo and drawing questions share: the kept image with its two buttons, the hidden
// file input their "choose" buttons open, and the status and problem lines screen readers hear.
import type { RefObject } from 'react';
import { useFocusOnMount } from '../app/use-focus-on-mount';
import { AttachmentThumbnail } from './AttachmentThumbnail';

type KeptProps = {
  name: string;
  alt: string;
  focus: boolean;
  changeLabel: string;
  removeLabel: string;
  onChange(): void;
  onRemove(): void;
};

export function KeptImage({ name, alt, focus, changeLabel, removeLabel, onChange, onRemove }: KeptProps) {
  const changeRef = useFocusOnMount<HTMLButtonElement>(focus);
  return (
    <div className="photo-kept">
      <AttachmentThumbnail name={name} alt={alt} />
      <div className="photo-actions">
        <button ref={changeRef} type="button" className="button secondary" onClick={onChange}>
          {changeLabel}
        </button>
        <button type="button" className="button quiet" onClick={onRemove}>
          {removeLabel}
        </button>
      </div>
    </div>
  );
}

type FileProps = { inputRef: RefObject<HTMLInputElement | null>; onFile(file: File): void };

/** Opened by the question's own button (`inputRef.current.click()`), so it takes no focus itself. */
export function ImageFileInput({ inputRef, onFile }: FileProps) {
  return (
    <input
      ref={inputRef}
      type="file"
      accept="image/*"
      hidden
      tabIndex={-1}
      onChange={(event) => {
        const file = event.target.files?.[0];
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
