// A channel's input checked against the contract, answered the one way every transport answers
// a bad call: invalid_input naming the channel and each field at fault.
import { z } from 'zod';
import { contract, type Channel, type Contract } from './contract';
import { fail, type Result } from './result';

export function parseChannelInput<C extends Channel>(
  channel: C,
  input: unknown,
): Result<z.output<Contract[C]['input']>> {
  const parsed = contract[channel].input.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data as z.output<Contract[C]['input']> };
  return fail('invalid_input', `${channel}: ${z.prettifyError(parsed.error)}`, {
    issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  });
}
