// Timers a test fires by hand: the sync scheduler's delays become values to assert on.
import type { Timers } from '../sync-scheduler';

export type ManualTimers = {
  timers: Timers;
  /** Delays of the timers pending now. */
  pending(): number[];
  /** Runs the one pending timer and answers its delay. */
  fire(): number;
};

export function manualTimers(): ManualTimers {
  const pending = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  return {
    timers: {
      setTimeout(callback, ms) {
        pending.set(++next, { callback, ms });
        return next;
      },
      clearTimeout: (handle) => void pending.delete(handle as number),
    },
    pending: () => [...pending.values()].map((t) => t.ms),
    fire() {
      const [entry, more] = [...pending];
      if (entry === undefined || more !== undefined)
        throw new Error(`${pending.size} timers pending, expected 1`);
      const [handle, { callback, ms }] = entry;
      pending.delete(handle);
      callback();
      return ms;
    },
  };
}

/** Timers whose delays pass at once (on the next turn of the event loop), each delay noted. */
export function immediateTimers(): { timers: Timers; waits: number[] } {
  const waits: number[] = [];
  return {
    waits,
    timers: {
      setTimeout: (callback, ms) => {
        waits.push(ms);
        return setImmediate(callback);
      },
      clearTimeout: (handle) => clearImmediate(handle as NodeJS.Immediate),
    },
  };
}
