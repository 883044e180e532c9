import { useEffect, useRef } from 'react';

/**
 * Moves focus to the element (a screen's or page's heading, tabIndex -1) when it appears, so a
 * screen reader announces each new page and keyboard users start from its top. `enabled: false`
 * for a part that appears without being asked for.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
