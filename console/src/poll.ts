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

/**
 * Reads at once and every `everyMs`, skipping a tick while the last read is unanswered; the returned
 * stop ends it, and no answer is passed on after.
 */
export function startPoll<T>(
  read: () => Promise<T>,
  everyMs: number,
  on: PollListener<T>,
  clock: Clock = intervalClock,
): () => void {
  let live = true;
  // One read at a time: a slow answer overtaken by a later read would land last and put older data
  // back on the page, and a slow server would be sent a new request every tick on top.
  let reading = false;
  const tick = () => {
    if (reading) return;
    const answer = read();
    reading = true;
    answer.then(
      (data) => {
        reading = false;
        if (live) on.data(data);
      },
      (e: unknown) => {
        reading = false;
        if (live) on.error(e instanceof Error ? e.message : String(e));
      },
    );
  };
  tick();
  const cancel = clock.every(everyMs, tick);
  return () => {
    live = false;
    cancel();
  };
}
