// Pushes applied in turns, in arrival order. A hundred kiosks pushing at once used to be judged
// and written interleaved, every batch's CPU sliced among all the others, so each answer came only
// when nearly all were done: past the kiosks' 20 s timeout on a busy server, every kiosk failed
// its round and sent its batch again. In turns, the first batches are answered at once and those
// kiosks queue their next one behind the rest. Two at a time: PostgreSQL works on one batch
// while this process checks the next (SQLite writes one at a time anyway).
export const PUSHES_AT_ONCE = 2;

export class Turns {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly atOnce: number) {}

  /** Runs started and not finished, and those waiting their turn. */
  get size(): number {
    return this.running + this.waiting.length;
  }

  /** Runs `work` when fewer than `atOnce` others run, after everything that asked before it. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.atOnce || this.waiting.length > 0) {
      await new Promise<void>((start) => this.waiting.push(start));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The finished turn passes straight to the next in line; running stays as it was.
      if (next === undefined) this.running--;
      else next();
    }
  }
}
