import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';

/** node:util parseArgs in strict mode, with its complaints turned into UsageErrors. */
export function parseCli<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs<T>({ ...config, strict: true });
  } catch (e) {
    if (
      e instanceof TypeError &&
      'code' in e &&
      typeof e.code === 'string' &&
      e.code.startsWith('ERR_PARSE_ARGS')
    )
      throw new UsageError(e.message);
    throw e;
  }
}

export function requireOption(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535 (0 picks a free port), not "${value}"`);
  return port;
}
