// A kiosk keeps two batches of its outbox in flight (electron/core/sync/push.ts), so that this
// server checks the next batch while the database stores the last. Their seqs must be settled in
// the order they were sent: a batch settled before the one ahead of it would leave a gap and be
// refused. Pushes are put in line by kiosk as they arrive, before authentication or the body can
// reorder them (an onRequest hook); each waits, before taking its turn (push-turns.ts), until the
// kiosk's pushes ahead of it have started theirs, and within its turn, after its checks, until
// they have settled. Waiting for them to start before taking a turn means a push never holds one
// of the few turns while the push it waits for queues behind it. A push that arrives after a later
// one (their connections raced) is refused with sequence_gap, and the kiosk sends from the seq it
// is told.

type Signal = { promise: Promise<void>; fire: () => void };

function signal(): Signal {
  let fire = (): void => undefined;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

type InLine = { started: Signal; settled: Signal };

export type PlaceInLine = {
  /** Resolves once the kiosk's pushes ahead of this one have started their turn. */
  ready: Promise<void>;
  /** Says this push has started its turn. */
  started(): void;
  /** Resolves once the kiosk's pushes ahead of this one have settled (or failed). */
  aheadSettled(): Promise<void>;
  /** Says this push is over, however it ended; idempotent. */
  leave(): void;
};

export class DeviceOrder {
  private readonly lines = new Map<string, InLine[]>();

  /** Puts a push of this kiosk (any key that tells kiosks apart) at the end of its line. */
  enter(kiosk: string): PlaceInLine {
    const line = this.lines.get(kiosk) ?? [];
    const ahead = [...line];
    const own: InLine = { started: signal(), settled: signal() };
    line.push(own);
    this.lines.set(kiosk, line);
    let left = false;
    return {
      ready: Promise.all(ahead.map((p) => p.started.promise)).then(() => undefined),
      started: own.started.fire,
      aheadSettled: () => Promise.all(ahead.map((p) => p.settled.promise)).then(() => undefined),
      leave: () => {
        if (left) return;
        left = true;
        own.started.fire();
        own.settled.fire();
        line.splice(line.indexOf(own), 1);
        if (line.length === 0) this.lines.delete(kiosk);
      },
    };
  }

  /** Kiosks with a push in line (nothing may be left behind). */
  get size(): number {
    return this.lines.size;
  }
}

/** The place of a push that has no line to keep (a USB bundle is applied batch by batch). */
export const NO_LINE: PlaceInLine = {
  ready: Promise.resolve(),
  started: () => undefined,
  aheadSettled: () => Promise.resolve(),
  leave: () => undefined,
};
