import type { ReactNode } from 'react';
import { keepFocus } from './use-caret-editing';

type Props = {
  /** Classes beyond the base `key` one, e.g. `key-wide`. */
  variant?: string;
  /** For toggle keys such as shift. */
  pressed?: boolean;
  onPress(): void;
  children: ReactNode;
};

/** One key of an on-screen pad; pressing it never takes the focus away from the field being edited. */
export function Key({ variant, pressed, onPress, children }: Props) {
  return (
    <button
      type="button"
      className={variant === undefined ? 'key' : `key ${variant}`}
      aria-pressed={pressed}
      onMouseDown={keepFocus}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
