import { useEffect, useRef } from 'react';

/**
 * A modal dialog's focus: on the returned element while the dialog is open, then back where it
 * was before (if that is still on the page) when it closes.
 */
export function useDialogFocus<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    const before = document.activeElement;
    ref.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  return ref;
}
