// A TCP proxy on 127.0.0.1 between kiosks and a sync server that injects faults. It sees bytes,
// not HTTP, except that a request starts when the client sends after the server has sent (no
// pipelining), so every request on a kept-alive connection gets its own fate:
//   pass               forwarded both ways
//   drop               the connection is cut before the request reaches the server
//   delay              the request waits 5-100 ms before it is forwarded
//   stall              the request is never forwarded: the client's timeout must end it
//   truncate_request   part of the request (mid-body when it has one) reaches the server, then a cut
//   cut_after_response the server answers (it has committed) but the client never sees a byte
//   truncate_response  the client gets the start of the answer, then a cut
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export const FAULTS = [
  'pass',
  'drop',
  'delay',
  'stall',
  'truncate_request',
  'cut_after_response',
  'truncate_response',
] as const;
export type Fault = (typeof FAULTS)[number];

export type FaultProxy = {
  url: string;
  port: number;
  /** How many requests met each fate. */
  readonly counts: Record<Fault, number>;
  /** Chooses each new request's fate, given its head (request line and headers); by default every request passes. */
  setFaults(pick: (head: string) => Fault): void;
  /** Every request passes from now on. */
  heal(): void;
  /** Forwards new connections to another port and cuts the open ones (clients reconnect). */
  setTarget(port: number): void;
  close(): Promise<void>;
};

const HEAD_END = Buffer.from('\r\n\r\n');
/** A head longer than this is not waited for: its fate is chosen on what came so far. */
const MAX_HEAD = 64 * 1024;

export async function startFaultProxy(
  targetPort: number,
  random: () => number = Math.random,
): Promise<FaultProxy> {
  let target = targetPort;
  let pick: (head: string) => Fault = () => 'pass';
  const counts = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>;
  const open = new Set<Socket>();

  const server = createServer((client) => {
    const upstream = connect(target, '127.0.0.1');
    open.add(client);
    const cut = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
    };
    client.on('error', cut).on('close', cut);
    upstream.on('error', cut).on('close', cut);

    let fault: Fault = 'pass';
    let awaitingRequest = true;
    /** truncate_request: the request bytes seen so far, and where to cut once the head is known. */
    let head = Buffer.alloc(0);
    let cutAt: number | undefined;
    let forwarded = 0;
    let delayed = false;
    /** A new request's bytes until its head is whole: its fate is chosen knowing what it is. */
    let start = Buffer.alloc(0);

    client.on('data', (data: Buffer) => {
      let chunk = data;
      if (awaitingRequest) {
        start = Buffer.concat([start, data]);
        const end = start.indexOf(HEAD_END);
        if (end === -1 && start.length < MAX_HEAD) return;
        chunk = start;
        start = Buffer.alloc(0);
        awaitingRequest = false;
        fault = pick(chunk.subarray(0, end === -1 ? chunk.length : end).toString('latin1'));
        counts[fault]++;
        head = Buffer.alloc(0);
        cutAt = undefined;
        forwarded = 0;
        delayed = false;
      }
      switch (fault) {
        case 'drop':
          return cut();
        case 'stall':
          return;
        case 'delay':
          if (delayed) return void upstream.write(chunk);
          delayed = true;
          client.pause();
          setTimeout(
            () => {
              upstream.write(chunk);
              client.resume();
            },
            5 + random() * 95,
          );
          return;
        case 'truncate_request': {
          head = Buffer.concat([head, chunk]);
          if (cutAt === undefined) {
            const end = head.indexOf(HEAD_END);
            if (end === -1) return;
            const length = Number(
              /\r\ncontent-length: *(\d+)/i.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? 0,
            );
            const bodyStart = end + HEAD_END.length;
            cutAt = length > 0 ? bodyStart + Math.floor(random() * length) : Math.floor(random() * end);
          }
          if (head.length >= cutAt) {
            upstream.write(head.subarray(forwarded, cutAt), () => setTimeout(cut, 20));
            forwarded = cutAt;
            return;
          }
          upstream.write(head.subarray(forwarded));
          forwarded = head.length;
          return;
        }
        default:
          upstream.write(chunk);
      }
    });

    upstream.on('data', (chunk: Buffer) => {
      awaitingRequest = true;
      switch (fault) {
        case 'cut_after_response':
          return cut();
        case 'truncate_response':
          client.write(chunk.subarray(0, Math.floor(chunk.length / 2)), cut);
          return;
        default:
          client.write(chunk);
      }
    });
  });
  server.on('connection', (socket) => socket.setNoDelay(true));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    counts,
    setFaults: (p) => (pick = p),
    heal: () => (pick = () => 'pass'),
    setTarget(port) {
      target = port;
      for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Picks faults with these weights (they need not add up to 1). */
export function weightedFaults(
  weights: Partial<Record<Fault, number>>,
  random: () => number = Math.random,
): () => Fault {
  const entries = Object.entries(weights) as [Fault, number][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return () => {
    let r = random() * total;
    for (const [fault, weight] of entries) {
      r -= weight;
      if (r < 0) return fault;
    }
    return 'pass';
  };
}

/** A request head's method, path and body length, for faults that pick their requests. */
export function parseHead(head: string): { method: string; path: string; contentLength: number } {
  const [method = '', path = ''] = head.slice(0, head.indexOf('\r\n')).split(' ');
  const contentLength = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
  return { method, path, contentLength };
}
