// One way to reach the kiosk core: Electron's preload bridge when present, otherwise the web
// kiosk's HTTP API on the same origin. Only types come from shared/ipc: the schemas there pull
// in zod, which would double the renderer's bundle for checks the core already makes.
import type { Channel, ChannelInput, ChannelOutput, QuioscoBridge } from '../../../shared/ipc/contract';
import type { CallError, Result } from '../../../shared/ipc/result';

export type Api = <C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
) => Promise<Result<ChannelOutput<C>>>;

const failure = (message: string): { ok: false; error: CallError } => ({
  ok: false,
  error: { code: 'internal', message },
});

/** The core answers every call, failures included, with a Result body; trust its shape, not the status. */
export async function readResult<T>(response: Response): Promise<Result<T>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure(`HTTP ${response.status}: the answer is not JSON`);
  }
  if (isResult(body)) return body as Result<T>;
  return failure(`HTTP ${response.status}: the answer is not a Result`);
}

function isResult(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const error = body.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

export function httpApi(fetchImpl: typeof fetch = (...args) => fetch(...args)): Api {
  return async (channel, input) => {
    try {
      const response = await fetchImpl(`/api/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      return await readResult(response);
    } catch (err) {
      return failure(`network: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

export function bridgeApi(bridge: QuioscoBridge): Api {
  return async (channel, input) => {
    try {
      return await bridge.call(channel, input);
    } catch (err) {
      return failure(`ipc: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
}

/** The transport for this window: Electron's bridge if the preload exposed one. */
export function windowApi(): Api {
  const { quiosco } = window as Window & { quiosco?: QuioscoBridge };
  return quiosco ? bridgeApi(quiosco) : httpApi();
}

let chosen: Api | undefined;
/** Puts another transport in place before the first call (the console's form preview). */
export function chooseTransport(api: Api): void {
  chosen = api;
}
/** Calls the kiosk core over whichever transport this window has. */
export const call: Api = (channel, input) => (chosen ??= windowApi())(channel, input);
