// What every exchange carries besides its body: the client's protocol and app version on the way
// in, the server's time and protocol on the way out.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkProtocol, HEADERS, type ProtocolRange } from '../../shared/sync/protocol';
import { SyncError } from '../sync-error';

export type Client = { protocol: number; app: string };

const clients = new WeakMap<FastifyRequest, Client>();
const serverTimes = new WeakMap<FastifyReply, string>();

/** Paths under here speak the sync protocol; /healthz and /openapi.json are for any tool. */
export const API_PREFIX = '/v1/';

const APP_PATTERN = /^[\x21-\x7e][\x20-\x7e]{0,99}$/;

/**
 * Checks the protocol and app headers before anything else (before authentication and before a
 * body is read): an old kiosk learns it must be updated, whatever else is wrong with its request.
 */
export function checkClient(request: FastifyRequest, range: ProtocolRange): Client {
  const protocolText = request.headers[HEADERS.protocol];
  const supported = `This server speaks sync protocol ${range.newest} and accepts ${range.oldest} to ${range.newest}`;
  if (typeof protocolText !== 'string' || !/^\d{1,6}$/.test(protocolText)) {
    throw new SyncError(
      'invalid_input',
      `${HEADERS.protocol}: send the sync protocol version as an integer with every request. ${supported}.`,
      { field: HEADERS.protocol, supported: range },
    );
  }
  const protocol = Number(protocolText);
  const verdict = checkProtocol(protocol, range);
  if (verdict === 'too_old') {
    throw new SyncError(
      'protocol_unsupported',
      `This app speaks sync protocol ${protocol}, which this server no longer accepts. ${supported}: update the kiosk app.`,
      { field: HEADERS.protocol, supported: range },
    );
  }
  if (verdict === 'too_new') {
    // Not 426: the client is fine, the server is the one to upgrade.
    throw new SyncError(
      'protocol_unsupported',
      `This app speaks sync protocol ${protocol}, newer than this server. ${supported}: update the server.`,
      { field: HEADERS.protocol, supported: range },
      400,
    );
  }
  const app = request.headers[HEADERS.app];
  if (typeof app !== 'string' || !APP_PATTERN.test(app)) {
    throw new SyncError(
      'invalid_input',
      `${HEADERS.app}: send the app name and version, e.g. "quiosco-kiosk/0.1.0"`,
      {
        field: HEADERS.app,
      },
    );
  }
  const client = { protocol, app };
  clients.set(request, client);
  return client;
}

export function clientOf(request: FastifyRequest): Client {
  const client = clients.get(request);
  if (client === undefined) throw new Error(`no client recorded for ${request.url}`);
  return client;
}

/** The server time of this response, taken once so the header and the body agree. */
export function serverTimeOf(reply: FastifyReply): string {
  let time = serverTimes.get(reply);
  if (time === undefined) {
    time = new Date().toISOString();
    serverTimes.set(reply, time);
  }
  return time;
}
