import { useEffect, useRef } from 'react';

/**
 * Moves focus to the element (a screen's or page's heading, tabIndex -1) when it appears, so a
 * screen reader announces each new page and keyboard users start from its top.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
