// Admission of pushes, before their bodies are read. Pushes beyond a few at once wait for their
// turn (push-turns.ts); a hundred kiosks pushing together when the LAN comes back would queue so
// long that the last ones pass their 20 s timeout, give up and send the same batch again: work
// done twice, and kiosks showing errors. Instead a push that finds `maxPushes` others in flight
// is answered at once, before its body is read or judged: 503 `unavailable` with Retry-After,
// which kiosks take as "come back then" (docs/sync-protocol.md, "A busy server").
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../shared/sync/protocol';
import { drainRequest } from '../http/drain';
import { serverTimeOf } from '../http/exchange';

export type AdmissionLimits = {
  /** Pushes in flight at once (being received, judged or written, or waiting for a turn). */
  maxPushes: number;
  /** The longest Retry-After hint, in seconds. */
  maxRetryAfterS: number;
};

export const ADMISSION_DEFAULTS: AdmissionLimits = { maxPushes: 16, maxRetryAfterS: 60 };

/** Assumed time from admission to answer until one has been measured. */
const FIRST_PUSH_MS = 1_000;
/** Weight of the newest push in the running mean of their times. */
const SMOOTHING = 0.2;

export type Admission = { admitted: true; release: () => void } | { admitted: false; retryAfterS: number };

export class PushAdmission {
  private inFlight = 0;
  /** Running mean of the time from admission to answer. */
  private pushMs = FIRST_PUSH_MS;
  /** Kiosks refused and not admitted since, by their credential: when each was last refused. */
  private readonly waiting = new Map<string, number>();
  private readonly limits: AdmissionLimits;

  constructor(
    limits: Partial<AdmissionLimits> = {},
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.limits = { ...ADMISSION_DEFAULTS, ...limits };
  }

  /** `kiosk` tells kiosks apart (their bearer token, unchecked: only the hints depend on it). */
  admit(kiosk: string): Admission {
    const now = this.clock();
    if (this.inFlight < this.limits.maxPushes) {
      this.waiting.delete(kiosk);
      this.inFlight++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.pushMs += SMOOTHING * (this.clock() - now - this.pushMs);
      };
      return { admitted: true, release };
    }
    // Deleted first: a Map keeps a key's first place, and forgetGone needs refusal order.
    this.waiting.delete(kiosk);
    this.waiting.set(kiosk, now);
    this.forgetGone(now);
    // With every place taken, one frees every pushMs / maxPushes (Little's law); the kiosks
    // waiting outside get one each in waiting × that. They come back at random moments, so half
    // of it: a hint too short costs a quick refusal more, one too long leaves the server idle.
    const spreadMs = (this.waiting.size * this.pushMs) / this.limits.maxPushes / 2;
    const retryAfterS = Math.min(this.limits.maxRetryAfterS, Math.max(1, Math.ceil(spreadMs / 1000)));
    return { admitted: false, retryAfterS };
  }

  /** Kiosks refused longer ago than any hint (they went away) no longer count as waiting. */
  private forgetGone(now: number): void {
    const since = now - 2 * this.limits.maxRetryAfterS * 1000;
    for (const [kiosk, refusedAt] of this.waiting) {
      // In refusal order, oldest first.
      if (refusedAt >= since) break;
      this.waiting.delete(kiosk);
    }
  }
}

/**
 * An onRequest hook for the push route: admitted pushes hold their place until their answer is
 * sent or their connection closes; refused ones are answered once their body has arrived (unread:
 * drain.ts says why), without a log line each (a busy server refuses many).
 */
export function admitPushes(admission: PushAdmission) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const verdict = admission.admit(request.headers.authorization ?? request.ip);
    if (verdict.admitted) {
      // A kiosk that gave up frees its place even while its batch is still being applied.
      reply.raw.once('close', verdict.release);
      return undefined;
    }
    await drainRequest(request.raw);
    const error: ErrorBody['error'] = {
      code: 'unavailable',
      message: `The server is busy with other kiosks' pushes: retry in ${verdict.retryAfterS} s`,
    };
    return reply
      .code(503)
      .header('retry-after', String(verdict.retryAfterS))
      .send({ error, serverTime: serverTimeOf(reply) });
  };
}
