// Watches for a visitor walking away: any pointer, touch, key or click counts as presence.
import { useCallback, useEffect, useRef, useState } from 'react';
import { idlePhase } from './idle-phase';

const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'click', 'wheel'] as const;
const TICK_MS = 250;

type Options = {
  enabled: boolean;
  timeoutSeconds: number;
  warningSeconds: number;
  onExpire(): void;
};

/** Seconds left on the warning (null when none shows), and a way to say "still here". */
export function useIdle({ enabled, timeoutSeconds, warningSeconds, onExpire }: Options) {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const expire = useRef(onExpire);
  const touch = useRef<() => void>(() => {});
  useEffect(() => {
    expire.current = onExpire;
  });

  useEffect(() => {
    if (!enabled) return;
    let lastInput = performance.now();
    const onInput = () => {
      lastInput = performance.now();
      setSecondsLeft(null);
    };
    touch.current = onInput;
    for (const type of ACTIVITY_EVENTS)
      window.addEventListener(type, onInput, { capture: true, passive: true });
    const timer = setInterval(() => {
      const phase = idlePhase(performance.now() - lastInput, timeoutSeconds * 1000, warningSeconds * 1000);
      if (phase.kind === 'expired') {
        lastInput = performance.now();
        setSecondsLeft(null);
        expire.current();
      } else {
        setSecondsLeft(phase.kind === 'warning' ? phase.secondsLeft : null);
      }
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, onInput, { capture: true });
      touch.current = () => {};
    };
  }, [enabled, timeoutSeconds, warningSeconds]);

  const stillHere = useCallback(() => touch.current(), []);
  return { secondsLeft: enabled ? secondsLeft : null, stillHere };
}
