// One HTTP exchange through node:http or node:https, for what fetch cannot do here: present a
// pinned certificate (see pinned-https) or send a body as it streams from a file, so a photo is
// neither held whole in memory nor copied once more by fetch.
import { request as httpRequest, type Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Readable, pipeline } from 'node:stream';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

export type HttpAnswer = { status: number; header(name: string): string | null; body: Buffer };

export type NodeRequest = {
  method: string;
  headers: Record<string, string>;
  /** A stream is sent as it reads; the caller sets its content-length and closes it afterwards. */
  body: string | Uint8Array | Readable | undefined;
  signal: AbortSignal;
};

/** The exchange's answer; `agent` undefined: Node's global agent (keep-alive). */
export function nodeExchange(url: URL, init: NodeRequest, agent?: HttpAgent): Promise<HttpAnswer> {
  return new Promise<IncomingMessage>((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: init.method,
      headers: { ...init.headers, 'accept-encoding': 'gzip' },
      agent,
      signal: init.signal,
    });
    req.once('response', resolve);
    req.once('error', reject);
    const { body } = init;
    if (body instanceof Readable) {
      // A file that fails to read ends the request with its error, which rejects above.
      pipeline(body, req, (e) => {
        if (e) req.destroy(e);
      });
    } else {
      req.end(body);
    }
  }).then(async (response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const gzipped = response.headers['content-encoding'] === 'gzip';
    return {
      status: response.statusCode ?? 0,
      header: (name) => {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
      body: gzipped ? await gunzipAsync(raw) : raw,
    };
  });
}
