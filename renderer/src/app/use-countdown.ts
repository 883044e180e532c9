import { useEffect, useRef, useState } from 'react';

/** Whole seconds left from `seconds`, ticking down once a second; calls onDone at zero. Key the component to restart it. */
export function useCountdown(seconds: number, onDone?: () => void): number {
  const [left, setLeft] = useState(seconds);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => {
    let remaining = seconds;
    const timer = setInterval(() => {
      remaining = Math.max(0, remaining - 1);
      setLeft(remaining);
      if (remaining === 0) {
        clearInterval(timer);
        done.current?.();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [seconds]);
  return left;
}
