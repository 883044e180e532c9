// Console sign-in costs the server a slow password hash (scrypt, ~100 ms of a libuv thread) before
// anyone is known, for unknown names too. A gate bounds that work: at most `inFlight` hashes at
// once and `queue` waiting; beyond that a sign-in is refused at once with 429 and Retry-After, so
// a flood of sign-ins cannot tie up every thread the server's file and crypto work share.
import { SyncError } from '../sync-error';
import { Turns } from '../sync/push-turns';

export type HashGateLimits = {
  /** Hashes run at once. libuv has 4 threads by default: half stay free for the rest. */
  inFlight: number;
  /** Sign-ins waiting for a hash; kept short, so a refused person is told at once. */
  queue: number;
  /** Told in Retry-After (seconds). */
  retryAfter: number;
};

export const HASH_GATE_LIMITS: HashGateLimits = { inFlight: 2, queue: 8, retryAfter: 2 };
export const TOO_MANY_SIGN_INS = 'Too many sign-ins at once: try again in a few seconds';

export class HashGate {
  private readonly turns: Turns;
  readonly limits: HashGateLimits;

  constructor(limits: Partial<HashGateLimits> = {}) {
    this.limits = { ...HASH_GATE_LIMITS, ...limits };
    this.turns = new Turns(this.limits.inFlight);
  }

  /** Runs `work` in its turn (push-turns.ts); refuses with too_many_requests when the queue is full. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.turns.size >= this.limits.inFlight + this.limits.queue) {
      throw new SyncError('too_many_requests', TOO_MANY_SIGN_INS, { retryAfter: this.limits.retryAfter });
    }
    return this.turns.run(work);
  }
}
