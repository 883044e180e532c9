// What a background sync round brings (the event's branding, forms, settings) reaches the screen
// without staff: the bootstrap is loaded again each time the attract screen comes back and every
// ATTRACT_REFRESH_MS while it stays. Never elsewhere: a visitor's form must not change under them
// (and boot-slice drops an answer that arrives after the attract screen was left).
import { REAL_TIMERS, type Timers } from './timers';

type AttractState = { screen: string; refreshBootstrap(): Promise<void> };

/**
 * The part of the kiosk store this watches; no more, so that the e2e suite (type-checked without
 * the DOM, unlike the rest of the store) can read ATTRACT_REFRESH_MS from here.
 */
type Watched<S extends AttractState> = {
  getState(): S;
  subscribe(listener: (state: S, previous: S) => void): () => void;
};

/** As often as the kiosk core syncs, so new branding shows within a sync round and one of these. */
export const ATTRACT_REFRESH_MS = 30_000;

/** Starts watching the store; returns the function that stops it. */
export function refreshOnAttract<S extends AttractState>(
  store: Watched<S>,
  timers: Timers = REAL_TIMERS,
  everyMs: number = ATTRACT_REFRESH_MS,
): () => void {
  let timer: unknown = null;
  const stop = () => {
    if (timer !== null) timers.clear(timer);
    timer = null;
  };
  const schedule = () => {
    timer = timers.set(() => {
      void store.getState().refreshBootstrap();
      schedule();
    }, everyMs);
  };
  // The first load is main.tsx's; from then on the period runs while the attract screen shows.
  if (store.getState().screen === 'attract') schedule();
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.screen === previous.screen) return;
    stop();
    if (state.screen !== 'attract') return;
    void state.refreshBootstrap();
    schedule();
  });
  return () => {
    stop();
    unsubscribe();
  };
}
