import { useLayoutEffect } from 'react';

// One tap, one step. A double tap's second half lands on whatever its first half opened (the
// "Español" button, the next page's Siguiente): a click is swallowed when the finger went down
// before the control it lands on was in the page, or within SETTLE_MS of a step (a new screen or
// page, or a dialog that asks to be treated as one). Keyboard clicks are never held back.

/** Longer than the gap between a double tap's taps, shorter than anyone reads a new screen. */
export const SETTLE_MS = 350;

/** Whether a click whose pointer went down at `downAt` came too soon for what appeared at `shownAt`. */
export function isEarlyTap(downAt: number, shownAt: number, stepAt: number): boolean {
  return downAt < shownAt || downAt < stepAt + SETTLE_MS;
}

export type TapGuard = {
  /** A step happened now: taps that started before it, or within SETTLE_MS after, do nothing. */
  markStep(): void;
  stop(): void;
};

/**
 * Watches `root` for controls appearing and clicks landing on them. While a step settles, root is
 * aria-disabled, so assistive technology and test drivers (which wait for enabled controls) see
 * the controls are not ready yet.
 */
export function installTapGuard(root: HTMLElement): TapGuard {
  const insertedAt = new WeakMap<Node, number>();
  let stepAt = Number.NEGATIVE_INFINITY;
  let lastDownAt: number | null = null;
  let settleTimer: ReturnType<typeof setTimeout> | undefined;

  const observer = new MutationObserver((records) => {
    const now = performance.now();
    for (const record of records) for (const node of record.addedNodes) insertedAt.set(node, now);
  });
  observer.observe(root, { childList: true, subtree: true });

  const shownAt = (target: EventTarget | null): number => {
    let latest = Number.NEGATIVE_INFINITY;
    for (let node = target instanceof Node ? target : null; node && node !== root; node = node.parentNode) {
      latest = Math.max(latest, insertedAt.get(node) ?? latest);
    }
    return latest;
  };

  const onPointerDown = (event: PointerEvent) => {
    lastDownAt = event.timeStamp;
  };
  // A tap that will be swallowed must not move the focus either (it stays where the step put it).
  const onMouseDown = (event: MouseEvent) => {
    if (event.timeStamp < stepAt + SETTLE_MS) event.preventDefault();
  };
  const onClick = (event: MouseEvent) => {
    // detail 0: Enter or Space on a focused control, not a finger.
    if (event.detail === 0 || lastDownAt === null) return;
    if (isEarlyTap(lastDownAt, shownAt(event.target), stepAt)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  };
  root.addEventListener('pointerdown', onPointerDown, true);
  root.addEventListener('mousedown', onMouseDown, true);
  root.addEventListener('click', onClick, true);

  return {
    markStep() {
      stepAt = performance.now();
      root.setAttribute('aria-disabled', 'true');
      clearTimeout(settleTimer);
      settleTimer = setTimeout(() => root.removeAttribute('aria-disabled'), SETTLE_MS);
    },
    stop() {
      observer.disconnect();
      clearTimeout(settleTimer);
      root.removeAttribute('aria-disabled');
      root.removeEventListener('pointerdown', onPointerDown, true);
      root.removeEventListener('mousedown', onMouseDown, true);
      root.removeEventListener('click', onClick, true);
    },
  };
}

let active: TapGuard | null = null;

/** Installs the guard on the app's root for the app's lifetime; every change of `step` is a step. */
export function useTapGuard(step: string): void {
  useLayoutEffect(() => {
    const guard = installTapGuard(document.getElementById('root') ?? document.body);
    active = guard;
    return () => {
      guard.stop();
      active = null;
    };
  }, []);
  useLayoutEffect(() => active?.markStep(), [step]);
}

/** For a dialog that appears where a finger just was (a confirmation): its arrival is a step. */
export function useStepOnMount(): void {
  useLayoutEffect(() => active?.markStep(), []);
}
