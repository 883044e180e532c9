// HTTPS to a sync server whose certificate no CA signed: the kiosk trusts exactly the
// certificate whose SHA-256 it pinned at enrolment. Each connection is checked as soon as its
// handshake ends and before the request is written, so a token never reaches an impostor.
// Node's checkServerIdentity does not run for a self-signed certificate (verification fails
// first), hence the check in the agent's connection factory; fetch has no such hook in Node.
import { Agent } from 'node:https';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { nodeExchange, type HttpAnswer, type NodeRequest } from './node-exchange';

/** The server presented another certificate than the pinned one (or none could be read). */
export class CertificateMismatchError extends Error {
  override readonly name = 'CertificateMismatchError';
  constructor(
    readonly pinned: string,
    readonly presented: string | undefined,
  ) {
    super(
      `the server's certificate (SHA-256 ${presented ?? 'unreadable'}) is not the one this kiosk pinned at enrolment (${pinned})`,
    );
  }
}

class PinnedAgent extends Agent {
  constructor(private readonly pin: string) {
    // Self-signed: chain verification is replaced by the pin. No session cache, so every
    // connection shows its certificate.
    super({ keepAlive: true, rejectUnauthorized: false, maxCachedSessions: 0 });
  }

  override createConnection(
    options: Parameters<Agent['createConnection']>[0],
    callback?: (err: Error | null, stream: Duplex) => void,
  ): undefined {
    const socket = super.createConnection(options) as TLSSocket;
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      callback?.(err, socket);
    };
    socket.once('secureConnect', () => {
      const presented = socket.getPeerCertificate().fingerprint256?.replace(/:/g, '').toLowerCase();
      if (presented === this.pin) return settle(null);
      socket.destroy();
      settle(new CertificateMismatchError(this.pin, presented));
    });
    socket.once('error', settle);
    return undefined;
  }
}

/** A client bound to one pinned certificate; its connections are kept alive between exchanges. */
export function pinnedHttps(fingerprint: string): (url: URL, init: NodeRequest) => Promise<HttpAnswer> {
  const agent = new PinnedAgent(fingerprint);
  return (url, init) => nodeExchange(url, init, agent);
}
