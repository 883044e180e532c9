// When sync rounds run: on a timer, soon after a local save, and on demand; never two at once.
// While rounds fail the next try backs off exponentially with jitter (so a venue full of kiosks
// does not hammer a server coming back), and the first try that gets through is a whole round:
// sync resumes the moment the server is reachable again. After "halted" (a revoked kiosk, an app
// too old for the server) nothing is tried until start() is called again.

/**
 * "halted": trying again cannot help until staff act (enrol again, update the app). "more": the
 * round went well but left work for the next (photos beyond its budget), which follows at once.
 */
export type RoundOutcome = 'ok' | 'more' | 'failed' | 'halted' | 'not_enrolled' | 'stopped';

/** setTimeout and clearTimeout, injectable so tests can run the clock themselves. */
export type Timers = {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** A duration, or a function asked again before each wait (a door kiosk syncs faster). */
export type Millis = number | (() => number);

export const millis = (value: Millis): number => (typeof value === 'number' ? value : value());

export type SchedulerOptions = {
  /** Between rounds while all is well. */
  intervalMs?: Millis | undefined;
  /** From a local save to the round that sends it; saves in between join that round. */
  debounceMs?: number | undefined;
  /** First retry after a failure; doubles with each further failure, up to backoffCapMs. */
  backoffBaseMs?: number | undefined;
  backoffCapMs?: Millis | undefined;
  timers?: Timers | undefined;
  /** In [0, 1): the jitter. */
  random?: (() => number) | undefined;
};

export type SyncScheduler = {
  /** Starts the timer (again, after a halt or stop). */
  start(): void;
  /** Stops the timer; a round in flight finishes, but nothing is scheduled after it. */
  stop(): void;
  /** A record was saved: run a round soon. */
  saved(): void;
  /** Runs a round now, or right after the one in flight; resolves with its outcome. */
  runNow(): Promise<RoundOutcome>;
};

export const SYNC_DEFAULTS = {
  intervalMs: 30_000,
  debounceMs: 1_500,
  backoffBaseMs: 2_000,
  backoffCapMs: 60_000,
} as const;

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createSyncScheduler(
  round: () => Promise<RoundOutcome>,
  options: SchedulerOptions = {},
): SyncScheduler {
  const intervalMs = options.intervalMs ?? SYNC_DEFAULTS.intervalMs;
  const debounceMs = options.debounceMs ?? SYNC_DEFAULTS.debounceMs;
  const baseMs = options.backoffBaseMs ?? SYNC_DEFAULTS.backoffBaseMs;
  const capMs = options.backoffCapMs ?? SYNC_DEFAULTS.backoffCapMs;
  const timers = options.timers ?? realTimers;
  const random = options.random ?? Math.random;

  let active = false;
  let failures = 0;
  /** A record was saved while a round ran (perhaps after it read the outbox). */
  let savedDuringRound = false;
  let timer: { handle: unknown; debounce: boolean } | undefined;
  let running: Promise<RoundOutcome> | undefined;
  let followUp: Promise<RoundOutcome> | undefined;

  const clear = () => {
    if (timer !== undefined) timers.clearTimeout(timer.handle);
    timer = undefined;
  };
  const schedule = (delayMs: number, debounce = false) => {
    clear();
    const handle = timers.setTimeout(() => {
      timer = undefined;
      if (running === undefined) void begin();
    }, delayMs);
    timer = { handle, debounce };
  };
  /** Half the backoff fixed, half random: retries spread out but still grow. */
  const backoffMs = () => {
    const ceiling = Math.min(millis(capMs), baseMs * 2 ** Math.min(failures - 1, 30));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
  };

  const begin = (): Promise<RoundOutcome> => {
    clear();
    savedDuringRound = false;
    const current = round()
      .catch((): RoundOutcome => 'failed')
      .then((outcome) => {
        running = undefined;
        failures = outcome === 'failed' ? failures + 1 : 0;
        if (outcome === 'halted' || outcome === 'not_enrolled') active = false;
        if (active) {
          if (outcome === 'failed') schedule(backoffMs());
          else if (outcome === 'more') schedule(0);
          else if (savedDuringRound) schedule(debounceMs, true);
          else schedule(millis(intervalMs));
        }
        return outcome;
      });
    running = current;
    return current;
  };

  return {
    start() {
      active = true;
      if (running === undefined) schedule(0);
    },
    stop() {
      active = false;
      clear();
    },
    saved() {
      // While the server is away the backoff decides; the retry sends this record too.
      if (!active || failures > 0) return;
      if (running !== undefined) savedDuringRound = true;
      else if (!timer?.debounce) schedule(debounceMs, true);
    },
    runNow() {
      if (running === undefined) return begin();
      // One follow-up round for everyone who asked while a round ran: it sees what they saved.
      followUp ??= running.then(() => {
        followUp = undefined;
        return begin();
      });
      return followUp;
    },
  };
}
