// A request refused before its body was read (too large, unauthenticated) is answered only once
// the client has finished sending it. Answering at once and closing, as Node does after a
// `connection: close` answer, resets a connection the client is still writing to: it sees EPIPE
// or a reset instead of the answer. Draining is bounded in bytes and time, so a client cannot
// keep the server reading forever; past either bound the answer goes out and the socket closes.
import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from '../../shared/sync/protocol';

/** At most this much of a refused body is read and discarded before answering anyway. */
export const DRAIN_LIMIT_BYTES = 8 * MAX_BODY_BYTES;
const DRAIN_TIMEOUT_MS = 30_000;

export function drainRequest(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let seen = 0;
    const finish = (): void => {
      clearTimeout(timer);
      raw.off('data', onData);
      raw.off('end', finish);
      raw.off('close', finish);
      raw.off('error', finish);
      resolve();
    };
    const onData = (chunk: Buffer): void => {
      seen += chunk.length;
      if (seen > DRAIN_LIMIT_BYTES) finish();
    };
    const timer = setTimeout(finish, DRAIN_TIMEOUT_MS);
    // A gzip body is piped into the decompressor, which stopped reading at the limit.
    raw.unpipe();
    raw.on('data', onData);
    raw.on('end', finish);
    raw.on('close', finish);
    raw.on('error', finish);
    raw.resume();
  });
}
