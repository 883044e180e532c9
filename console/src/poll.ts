// The console's reading now and again, apart from React so that its timing can be tested with a
// clock the test moves (there is no DOM in the unit tests).

/** When to read again. */
export interface Clock {
  /** Runs `run` every `ms` until the returned function is called. */
  every(ms: number, run: () => void): () => void;
}

export const intervalClock: Clock = {
  every(ms, run) {
    const timer = setInterval(run, ms);
    return () => clearInterval(timer);
  },
};

export interface PollListener<T> {
  data(data: T): void;
  /** A failed read: the message to show; reading goes on. */
  error(message: string): void;
}

/** Reads at once and every `everyMs`; the returned stop ends it, and no answer is passed on after. */
export function startPoll<T>(
  read: () => Promise<T>,
  everyMs: number,
  on: PollListener<T>,
  clock: Clock = intervalClock,
): () => void {
  let live = true;
  const tick = () =>
    void read().then(
      (data) => live && on.data(data),
      (e: unknown) => live && on.error(e instanceof Error ? e.message : String(e)),
    );
  tick();
  const cancel = clock.every(everyMs, tick);
  return () => {
    live = false;
    cancel();
  };
}
