import { useEffect, useRef } from 'react';

/**
 * A ref holding the value of the last render: for callbacks that something started earlier (a
 * camera starting, a recording running) calls later, without restarting it when they change.
 */
export function useLatest<T>(value: T) {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
