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
  /**
   * Kiosks refused and not admitted since, by their credential, in the order they were first
   * refused: when each was last refused.
   */
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
    // A kiosk refused again keeps its place in line (a Map keeps a key's first place).
    this.waiting.set(kiosk, now);
    // With every place taken, one frees every pushMs / maxPushes (Little's law): the kiosk is
    // told when its turn would come if those ahead of it in line took the places before it. The
    // same hint for all would bring them back together, to find the server idle since long.
    const ahead = this.placeInLine(kiosk, now);
    const turnMs = ((ahead + 1) * this.pushMs) / this.limits.maxPushes;
    const retryAfterS = Math.min(this.limits.maxRetryAfterS, Math.max(1, Math.ceil(turnMs / 1000)));
    return { admitted: false, retryAfterS };
  }

  /**
   * How many kiosks wait before this one; on the way, kiosks refused longer ago than any hint
   * (they went away) stop counting as waiting.
   */
  private placeInLine(kiosk: string, now: number): number {
    const since = now - 2 * this.limits.maxRetryAfterS * 1000;
    let ahead = 0;
    let found = false;
    for (const [other, refusedAt] of this.waiting) {
      if (other === kiosk) found = true;
      else if (refusedAt < since) this.waiting.delete(other);
      else if (!found) ahead++;
    }
    return ahead;
  }
}

/**
 * An onRequest hook for the push route: admitted pushes hold their place until their answer is
 * sent or their connection closes; refused ones are answered once their body has arrived (unread:
 * drain.ts says why), without a log line each (a busy server refuses many).
 */
/** Which kiosk a push comes from, before its token is checked: its token, else its address. */
export const pushingKiosk = (request: FastifyRequest): string => request.headers.authorization ?? request.ip;

export function admitPushes(admission: PushAdmission) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const verdict = admission.admit(pushingKiosk(request));
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
