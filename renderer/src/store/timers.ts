// The timers the store schedules with (autosave), injectable so tests advance time themselves.
export type Timers = {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

export const REAL_TIMERS: Timers = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
