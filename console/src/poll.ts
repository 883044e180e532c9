// The console's reading now and again, apart from React so that its timing can be tested with a
// clock and a visibility the test moves (there is no DOM in the unit tests).
import { NoAnswerError, READ_TIMEOUT_MS } from './api';

/** When to read again, and when to give up on a read. */
export interface Clock {
  /** Runs `run` every `ms` until the returned function is called. */
  every(ms: number, run: () => void): () => void;
  /** Runs `run` once after `ms` unless the returned function is called first. */
  after(ms: number, run: () => void): () => void;
}

export const intervalClock: Clock = {
  every(ms, run) {
    const timer = setInterval(run, ms);
    return () => clearInterval(timer);
  },
  after(ms, run) {
    const timer = setTimeout(run, ms);
    return () => clearTimeout(timer);
  },
};

/** Whether the page is seen: a hidden tab reads nothing. */
export interface Visibility {
  hidden(): boolean;
  /** Calls `run` whenever the page is hidden or shown, until the returned function is called. */
  onChange(run: () => void): () => void;
}

// Where there is no document (unit tests in Node) the page counts as seen.
export const documentVisibility: Visibility = {
  hidden: () => globalThis.document?.visibilityState === 'hidden',
  onChange(run) {
    globalThis.document?.addEventListener('visibilitychange', run);
    return () => globalThis.document?.removeEventListener('visibilitychange', run);
  },
};

export interface PollListener<T> {
  data(data: T): void;
  /** A failed read, or a NoAnswerError for one unanswered in time; reading goes on. */
  error(failure: Error): void;
}

export interface PollOptions {
  clock?: Clock;
  visibility?: Visibility;
  /** How long a read may go unanswered before it is aborted and the next tick may read again. */
  timeoutMs?: number;
}

/** A read out: its request's abort, and the end of its wait for an answer. */
interface Reading {
  abort: AbortController;
  giveUp: () => void;
}

/**
 * Reads at once and every `everyMs` while the page is seen (at once again when it is shown),
 * skipping a tick while the last read is unanswered, and giving up on a read after `timeoutMs`;
 * the returned stop ends it, and no answer is passed on after.
 */
export function startPoll<T>(
  read: (signal: AbortSignal) => Promise<T>,
  everyMs: number,
  on: PollListener<T>,
  { clock = intervalClock, visibility = documentVisibility, timeoutMs = READ_TIMEOUT_MS }: PollOptions = {},
): () => void {
  // One read at a time: a slow answer overtaken by a later read would land last and put older data
  // back on the page, and a slow server would be sent a new request every tick on top. A read given
  // up on is no longer `current`, so its late answer is dropped too.
  let current: Reading | undefined;
  const tick = () => {
    if (current !== undefined) return;
    const reading: Reading = { abort: new AbortController(), giveUp: () => undefined };
    current = reading;
    // A request that never answers (a suspended server, Wi-Fi lost mid-answer) would otherwise hold
    // the poll forever.
    reading.giveUp = clock.after(timeoutMs, () => {
      current = undefined;
      reading.abort.abort(new NoAnswerError(timeoutMs));
      on.error(new NoAnswerError(timeoutMs));
    });
    const settled = (pass: () => void) => {
      if (current !== reading) return;
      current = undefined;
      reading.giveUp();
      pass();
    };
    read(reading.abort.signal).then(
      (data) => settled(() => on.data(data)),
      (e: unknown) => settled(() => on.error(e instanceof Error ? e : new Error(String(e)))),
    );
  };
  let cancelEvery: (() => void) | undefined;
  const resume = () => {
    tick();
    cancelEvery = clock.every(everyMs, tick);
  };
  const pause = () => {
    cancelEvery?.();
    cancelEvery = undefined;
  };
  const stopWatching = visibility.onChange(() => {
    if (visibility.hidden()) pause();
    else if (cancelEvery === undefined) resume();
  });
  if (!visibility.hidden()) resume();
  return () => {
    pause();
    stopWatching();
    // Leaving the page ends its request too; with no read current, no answer is passed on.
    current?.giveUp();
    current?.abort.abort();
    current = undefined;
  };
}
