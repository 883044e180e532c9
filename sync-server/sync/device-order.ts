// A kiosk keeps two batches of its outbox in flight (electron/core/sync/push.ts), so that this
// server checks the next batch while the database stores the last. Their seqs must be settled in
// order: a batch settled before the one ahead of it would leave a gap and be refused. Pushes are
// put in line by kiosk as their headers arrive, before authentication or the body can reorder
// them (an onRequest hook); each waits, before taking its turn (push-turns.ts), until the kiosk's
// pushes ahead of it have started theirs, and within its turn, after its checks, until they have
// settled. Waiting for them to start before taking a turn means a push never holds one of the few
// turns while the push it waits for queues behind it.
//
// A push that says its first seq (the x-quiosco-first-seq header) is lined up by it: one that
// arrives after a later batch of its kiosk (their connections raced) goes ahead of it, as long as
// that one has not started its turn. A push whose predecessor has not come (its first seq is past
// the kiosk's mark + 1 and nothing is ahead of it) waits for it, before its turn, for a bounded
// time; a predecessor that came and left unsettled (refused, or its kiosk hung up) ends the wait
// too. Then it goes on as before: the seqs decide (sequence_gap when one is missing). A push
// without the header (an older kiosk) keeps its place by arrival, and nothing arriving after it
// goes ahead of it.

type Signal = { promise: Promise<void>; fire: () => void };

function signal(): Signal {
  let fire = (): void => undefined;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

type InLine = {
  firstSeq: number | undefined;
  started: Signal;
  settled: Signal;
  hasStarted: boolean;
  /** Something was ahead of it once: a push it lacked came (it may have left since). */
  hadAhead: boolean;
};

/** A kiosk's pushes in the order they settle; `changed` fires on any arrival, start or leave. */
type Line = { entries: InLine[]; changed: Signal };

/**
 * Resolves when a push has waited long enough for a predecessor that has not come; `done` aborts
 * once it no longer waits (so a timer can be cleared). Injectable: tests decide when it runs out.
 */
export type PredecessorWait = (done: AbortSignal) => Promise<void>;

/** How long a push waits for an earlier batch of its kiosk whose connection lost the race. */
export const PREDECESSOR_WAIT_MS = 2_000;

export const waitMs =
  (ms: number): PredecessorWait =>
  (done) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      done.addEventListener('abort', () => clearTimeout(timer), { once: true });
    });

export type DeviceOrderOptions = { waitForPredecessor?: PredecessorWait | undefined };

export type PlaceInLine = {
  /** The first seq the push said it carries (its header), if it said. */
  firstSeq: number | undefined;
  /**
   * Resolves once the kiosk's pushes ahead of this one have started their turn and, for a push
   * lined up by seq, its predecessor has come or is given up on. `mark`: the kiosk's settled mark
   * as last read.
   */
  ready(mark: number): Promise<void>;
  /** Says this push has started its turn: nothing gets ahead of it any more. */
  started(): void;
  /** Resolves once the kiosk's pushes ahead of this one have settled (or failed). */
  aheadSettled(): Promise<void>;
  /** Says this push is over, however it ended; idempotent. */
  leave(): void;
};

export class DeviceOrder {
  private readonly lines = new Map<string, Line>();
  private readonly waitForPredecessor: PredecessorWait;

  constructor(options: DeviceOrderOptions = {}) {
    this.waitForPredecessor = options.waitForPredecessor ?? waitMs(PREDECESSOR_WAIT_MS);
  }

  /**
   * Puts a push of this kiosk (any key that tells kiosks apart) in its line: at the end, or with
   * `firstSeq` before the pushes that have not started and carry later seqs.
   */
  enter(kiosk: string, firstSeq?: number): PlaceInLine {
    const line = this.lines.get(kiosk) ?? { entries: [], changed: signal() };
    this.lines.set(kiosk, line);
    const { entries } = line;
    const own: InLine = {
      firstSeq,
      started: signal(),
      settled: signal(),
      hasStarted: false,
      hadAhead: false,
    };
    const at =
      firstSeq === undefined
        ? entries.length
        : entries.findLastIndex((e) => e.hasStarted || e.firstSeq === undefined || e.firstSeq <= firstSeq) +
          1;
    own.hadAhead = at > 0;
    for (const behind of entries.slice(at)) behind.hadAhead = true;
    entries.splice(at, 0, own);
    changed(line);
    let left = false;
    const ahead = () => (left ? [] : entries.slice(0, entries.indexOf(own)));
    return {
      firstSeq,
      ready: async (mark) => {
        const done = new AbortController();
        let asked = false;
        let outOfPatience = false;
        const came = () =>
          left || own.hadAhead || firstSeq === undefined || firstSeq <= mark + 1 || outOfPatience;
        try {
          while (!(came() && ahead().every((e) => e.hasStarted))) {
            const next = line.changed.promise;
            // A wait no longer needed ends at once (its timer cleared), not when the push is ready.
            if (came()) done.abort();
            else if (!asked) {
              asked = true;
              const givenUp = () => {
                if (done.signal.aborted) return;
                outOfPatience = true;
                changed(line);
              };
              this.waitForPredecessor(done.signal).then(givenUp, givenUp);
            }
            await next;
          }
        } finally {
          done.abort();
        }
      },
      started: () => {
        own.hasStarted = true;
        own.started.fire();
        changed(line);
      },
      aheadSettled: () => Promise.all(ahead().map((p) => p.settled.promise)).then(() => undefined),
      leave: () => {
        if (left) return;
        left = true;
        own.hasStarted = true;
        own.started.fire();
        own.settled.fire();
        entries.splice(entries.indexOf(own), 1);
        if (entries.length === 0 && this.lines.get(kiosk) === line) this.lines.delete(kiosk);
        changed(line);
      },
    };
  }

  /** Kiosks with a push in line (nothing may be left behind). */
  get size(): number {
    return this.lines.size;
  }
}

function changed(line: Line): void {
  const { fire } = line.changed;
  line.changed = signal();
  fire();
}

/** The place of a push that has no line to keep (a USB bundle is applied batch by batch). */
export const NO_LINE: PlaceInLine = {
  firstSeq: undefined,
  ready: () => Promise.resolve(),
  started: () => undefined,
  aheadSettled: () => Promise.resolve(),
  leave: () => undefined,
};
